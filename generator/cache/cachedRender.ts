import { formatFiles } from "../emit/formatFiles.js";
import type { PlannedFile } from "../plan/types.js";
import { renderInParallel, type RenderWorker } from "../render/parallelRender.js";
import type { RenderedFile } from "../render/renderFiles.js";
import type { HashedSpec } from "./cachedModels.js";
import { contentHash, type ContentCache } from "./contentCache.js";

type Renderer = typeof import("../render/renderer.js");

/**
 * Renders and formats the planned files that the cache does not hold. A file's key covers what it
 * can depend on besides the generator: its own spec for a schemas module, the specs of its domain
 * for the files in the domain's folder (resources are placed per domain), every spec for the root
 * client and the concurrency page, nothing for copied files.
 */
export async function cachedRender(
  planned: readonly PlannedFile[],
  specs: readonly HashedSpec[],
  cache: ContentCache,
  render: { renderer: Renderer; templates: string; worker?: RenderWorker },
): Promise<RenderedFile[]> {
  const keys = fileKeys(planned, specs);
  const cached = keys.map((key) => cache.read(key));
  const missing = planned.filter((_file, index) => cached[index] === undefined);
  const { renderFiles, loadTemplates } = render.renderer;
  const renderHere = (files: readonly PlannedFile[]) => renderFiles(files, loadTemplates(render.templates));
  const fresh =
    missing.length === 0 ? [] : await formatFiles(await renderInParallel(missing, renderHere, render.worker));
  const rendered = new Map(fresh.map((file) => [file.path, file.text]));
  return planned.map((file, index) => {
    const text = rendered.get(file.path);
    if (text === undefined) return { path: file.path, text: cached[index]! };
    cache.write(keys[index]!, text);
    return { path: file.path, text };
  });
}

function fileKeys(planned: readonly PlannedFile[], specs: readonly HashedSpec[]): string[] {
  const hashOf = new Map(specs.map((spec) => [spec.file, spec.hash]));
  const folderHashes = new Map<string, Set<string>>();
  const folderOf = (path: string) => path.split("/")[0]!;
  for (const file of planned) {
    if (file.kind !== "resource") continue;
    const hashes = folderHashes.get(folderOf(file.path)) ?? new Set();
    folderHashes.set(folderOf(file.path), hashes.add(hashOf.get(file.resource.spec.file)!));
  }
  const dependencies = (file: PlannedFile): string[] => {
    if (file.kind === "copy") return [];
    if (file.kind === "schemas") return [hashOf.get(file.spec.file)!];
    return [...(folderHashes.get(folderOf(file.path)) ?? hashOf.values())];
  };
  return planned.map((file) => contentHash(file.kind, file.path, ...dependencies(file)));
}
