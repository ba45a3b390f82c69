import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentCache, contentHash } from "./cache/contentCache.js";
import { generatorFingerprint } from "./cache/fingerprint.js";
import { compareOutput, outputMatches, writeOutput, type OutputChanges } from "./emit/writeOutput.js";
import { formatFiles } from "./emit/formatFiles.js";
import { loadSpecs, readSpecTexts, type SpecText } from "./load/loadSpec.js";
import { findSpecFiles } from "./load/specFiles.js";
import { buildSpecModel } from "./model/buildModel.js";
import type { SpecModel } from "./model/types.js";
import { planSdk } from "./plan/planSdk.js";
import type { PlannedFile } from "./plan/types.js";
import type { RenderedFile } from "./render/renderFiles.js";
import { buildReport, type SpecReport } from "./report/buildReport.js";

export interface GenerateOptions {
  specs: string[];
  out: string;
  /** Compare only: write nothing. */
  check: boolean;
  /** Folder of the content-hash cache; undefined runs without one. */
  cacheDir?: string;
  onSpec?: (model: SpecModel) => void;
}

export interface GenerateResult {
  report: SpecReport;
  changes: OutputChanges;
  files: number;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));
const RUNTIME = fileURLToPath(new URL("../runtime", import.meta.url));
const STATIC = fileURLToPath(new URL("../templates/static", import.meta.url));

interface HashedSpec extends SpecText {
  hash: string;
}

/** What a finished run produced, so an identical run only has to confirm the output is intact. */
interface RunRecord {
  report: SpecReport;
  hashes: Record<string, string>;
}

/**
 * The whole pipeline: spec files → loaded documents → resource model → plan → rendered text →
 * formatted files. Every stage finishes before anything is written, so a failing run writes nothing.
 * The cache skips work whose inputs are unchanged: a whole identical run, a spec's parsing and
 * model, and the rendering of files whose specs did not change.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const fingerprint = generatorFingerprint(ROOT);
  const cache = new ContentCache(options.cacheDir, fingerprint);
  const specs = readSpecTexts(findSpecFiles(options.specs)).map((spec): HashedSpec => ({
    ...spec,
    hash: contentHash(basename(spec.file), spec.text),
  }));
  const runKey = contentHash("run", resolve(options.out), ...specs.map((spec) => spec.hash));
  const previous = readRecord(cache.read(runKey));
  if (previous && outputMatches(options.out, previous.hashes)) {
    const files = Object.keys(previous.hashes).length;
    return { report: previous.report, changes: { added: [], changed: [], removed: [], unchanged: files }, files };
  }
  // Workers parse the changed specs while this thread loads the renderer (TypeScript and
  // openapi-typescript take most of a second).
  const parsing = specModels(specs, cache);
  const renderer = import("./render/renderer.js");
  const models = await parsing;
  models.forEach((model) => options.onSpec?.(model));
  const files = await renderWithCache(planSdk(models, RUNTIME, STATIC).files, specs, cache, await renderer);
  const changes = compareOutput(options.out, files);
  const report = buildReport(models);
  const stale = changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (options.check && stale) return { report, changes, files: files.length };
  if (!options.check) writeOutput(options.out, files, changes);
  const hashes = Object.fromEntries(files.map((file) => [file.path, contentHash(file.text)]));
  cache.write(runKey, JSON.stringify({ report, hashes } satisfies RunRecord));
  cache.pruneOtherGenerators(options.cacheDir);
  return { report, changes, files: files.length };
}

/** Each spec's model, from the cache when the same file with the same text was modelled before. */
async function specModels(specs: readonly HashedSpec[], cache: ContentCache): Promise<SpecModel[]> {
  const keys = specs.map((spec) => contentHash("model", spec.file, spec.hash));
  const cached = keys.map((key) => cache.read(key));
  const missing = specs.filter((_spec, index) => cached[index] === undefined);
  const built = new Map((await loadSpecs(missing)).map((loaded) => [loaded.file, buildSpecModel(loaded)]));
  return specs.map((spec, index) => {
    const model = built.get(spec.file);
    if (model === undefined) return JSON.parse(cached[index]!) as SpecModel;
    cache.write(keys[index]!, JSON.stringify(model));
    return model;
  });
}

/**
 * Renders and formats the planned files that the cache does not hold. A file's key covers what it
 * can depend on besides the generator: its own spec for a schemas module, the specs of its domain
 * for the files in the domain's folder (resources are placed per domain), every spec for the root
 * client, nothing for copied files.
 */
async function renderWithCache(
  planned: readonly PlannedFile[],
  specs: readonly HashedSpec[],
  cache: ContentCache,
  { renderFiles, loadTemplates }: typeof import("./render/renderer.js"),
): Promise<RenderedFile[]> {
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
  const keys = planned.map((file) => contentHash(file.kind, file.path, ...dependencies(file)));
  const cached = keys.map((key) => cache.read(key));
  const missing = planned.filter((_file, index) => cached[index] === undefined);
  const fresh = missing.length === 0 ? [] : await formatFiles(renderFiles(missing, loadTemplates(TEMPLATES)));
  const rendered = new Map(fresh.map((file) => [file.path, file]));
  return planned.map((file, index) => {
    const text = rendered.get(file.path)?.text;
    if (text === undefined) return { path: file.path, text: cached[index]! };
    cache.write(keys[index]!, text);
    return { path: file.path, text };
  });
}

function readRecord(text: string | undefined): RunRecord | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as RunRecord);
  } catch {
    return undefined;
  }
}
