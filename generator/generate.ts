import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cachedModels, readHashedSpecs } from "./cache/cachedModels.js";
import { cachedRender } from "./cache/cachedRender.js";
import { ContentCache, contentHash } from "./cache/contentCache.js";
import { generatorFingerprint } from "./cache/fingerprint.js";
import { checkOutputFolder } from "./emit/outputFolder.js";
import { completeInterruptedRun } from "./emit/runJournal.js";
import {
  compareOutput,
  outputDifferences,
  outputMatches,
  writeOutput,
  type OutputChanges,
} from "./emit/writeOutput.js";
import { ParserThreads } from "./load/loadSpec.js";
import { findSpecFiles } from "./load/specFiles.js";
import type { SpecModel } from "./model/types.js";
import { planSdk } from "./plan/planSdk.js";
import { sdkPackage, type GeneratorIdentity, type PackageOptions } from "./plan/sdkPackage.js";
import { PROJECT_ROOT } from "./projectRoot.js";
import type { RenderedFile } from "./render/renderFiles.js";
import { buildReport, type SpecReport } from "./report/buildReport.js";

export interface GenerateOptions {
  specs: string[];
  out: string;
  /** Compare only: write nothing. */
  check: boolean;
  /** Replace files in `out` that no previous run wrote (refused otherwise). */
  force?: boolean;
  /** Folder of the content-hash cache; undefined runs without one. */
  cacheDir?: string;
  /** The SDK package's name, version and spec release (sdkPackage.ts has the defaults). */
  package?: PackageOptions;
  onSpec?: (model: SpecModel) => void;
}

export interface GenerateResult {
  report: SpecReport;
  changes: OutputChanges;
  files: number;
}

const TEMPLATES = join(PROJECT_ROOT, "templates");
const RUNTIME = join(PROJECT_ROOT, "runtime");
const STATIC = join(PROJECT_ROOT, "templates", "static");

/** What a finished run produced, so an identical run only has to confirm the output is intact. */
interface RunRecord {
  report: SpecReport;
  hashes: Record<string, string>;
}

/**
 * The whole pipeline: spec files → loaded documents → resource model → plan → rendered text →
 * formatted files. Every stage finishes before anything is written, so a failing run writes nothing.
 * The cache skips work whose inputs are unchanged: a whole identical run, a spec's parsing and
 * model, and the rendering of files whose inputs did not change (cache/renderKeys.ts).
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // Started first: they boot while the cache is consulted, and are stopped if no spec needs parsing.
  const parsers = new ParserThreads();
  try {
    return await generateWith(options, parsers);
  } finally {
    parsers.close();
  }
}

async function generateWith(options: GenerateOptions, parsers: ParserThreads): Promise<GenerateResult> {
  checkOutputFolder(options.out, options.specs);
  const fingerprint = generatorFingerprint(PROJECT_ROOT);
  const cache = new ContentCache(options.cacheDir, fingerprint);
  const identity = sdkPackage(options.package ?? {}, generatorIdentity());
  const specs = readHashedSpecs(findSpecFiles(options.specs));
  const runKey = contentHash("run", resolve(options.out), JSON.stringify(identity), ...specs.map((spec) => spec.hash));
  const previous = readRecord(cache.read(runKey));
  if (previous && outputMatches(options.out, previous.hashes)) {
    const files = Object.keys(previous.hashes).length;
    const changes = { added: [], changed: [], removed: [], unchanged: files, interrupted: false };
    return { report: previous.report, changes, files };
  }
  // Threads parse the changed specs while this thread loads the renderer (TypeScript and
  // openapi-typescript take most of a second). Rendering stays on this thread: on two cores a
  // render thread's own TypeScript load cost more than it saved (npm run bench).
  const modelling = cachedModels(specs, cache, parsers);
  const renderer = import("./render/renderer.js");
  const models = await modelling;
  models.forEach((model) => options.onSpec?.(model));
  const planned = planSdk(models, RUNTIME, STATIC, identity).files;
  const files = await cachedRender(planned, specs, cache, { renderer: await renderer, templates: TEMPLATES });
  return finish(options, cache, runKey, models, files);
}

/** Compares with the output, writes it unless checking, and records the run for the next one. */
function finish(
  options: GenerateOptions,
  cache: ContentCache,
  runKey: string,
  models: readonly SpecModel[],
  files: RenderedFile[],
): GenerateResult {
  if (!options.check) completeInterruptedRun(options.out);
  const changes = compareOutput(options.out, files);
  const report = buildReport(models);
  const stale = changes.interrupted || changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (options.check && stale) {
    changes.differences = outputDifferences(options.out, files, changes);
    return { report, changes, files: files.length };
  }
  if (!options.check) writeOutput(options.out, files, changes, options.force ?? false);
  const hashes = Object.fromEntries(files.map((file) => [file.path, contentHash(file.text)]));
  cache.write(runKey, JSON.stringify({ report, hashes } satisfies RunRecord));
  cache.pruneOtherGenerators();
  return { report, changes, files: files.length };
}

/** The generator's version and the TypeScript it is built and tested with, from its package.json. */
function generatorIdentity(): GeneratorIdentity {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const typescript = manifest.dependencies?.typescript ?? manifest.devDependencies?.typescript;
  return { version: manifest.version, typescript };
}

function readRecord(text: string | undefined): RunRecord | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as RunRecord);
  } catch {
    return undefined;
  }
}
