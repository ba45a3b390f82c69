import { formatFiles } from "../emit/formatFiles.js";
import type { PlannedFile } from "../plan/types.js";
import type { RenderedFile } from "../render/renderFiles.js";
import type { HashedSpec } from "./cachedModels.js";
import type { ContentCache } from "./contentCache.js";
import { renderKeys } from "./renderKeys.js";

type Renderer = typeof import("../render/renderer.js");

/** Renders and formats the planned files that the cache does not hold (keys: renderKeys.ts). */
export async function cachedRender(
  planned: readonly PlannedFile[],
  specs: readonly HashedSpec[],
  cache: ContentCache,
  render: { renderer: Renderer; templates: string },
): Promise<RenderedFile[]> {
  const keys = renderKeys(planned, specs);
  const cached = keys.map((key) => cache.read(key));
  const missing = planned.filter((_file, index) => cached[index] === undefined);
  const { renderFiles, loadTemplates } = render.renderer;
  const fresh = missing.length === 0 ? [] : await formatFiles(renderFiles(missing, loadTemplates(render.templates)));
  const rendered = new Map(fresh.map((file) => [file.path, file.text]));
  return planned.map((file, index) => {
    const text = rendered.get(file.path);
    if (text === undefined) return { path: file.path, text: cached[index]! };
    cache.write(keys[index]!, text);
    return { path: file.path, text };
  });
}
