import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ContentCache } from "./cache/contentCache.js";
import { generatorFingerprint } from "./cache/fingerprint.js";
import { GroupCache, type SourcedFile } from "./cache/groupCache.js";
import { cachedStage } from "./cache/stageCache.js";
import { contentHash } from "./util/contentHash.js";
import { SharedWork } from "./util/shareOut.js";
import { HELPER_MIN_FILES, startRenderHelper } from "./render/renderHelper.js";
import { checkOutputFolder } from "./emit/outputFolder.js";
import { lockOutput } from "./emit/outputLock.js";
import { completeInterruptedRun } from "./emit/runJournal.js";
import {
  compareOutput,
  outputDifferences,
  outputMatches,
  writeOutput,
  type OutputChanges,
} from "./emit/writeOutput.js";
import { loadEach, readSpecTexts, type SpecText } from "./load/loadSpec.js";
import { findSpecFiles } from "./load/specFiles.js";
import { mergeSpecs, type MergedDomain, type MergedSdk } from "./merge/mergeSpecs.js";
import { buildSpecModel } from "./model/buildModel.js";
import type { SpecModel } from "./model/types.js";
import { planSdk, type PlannedDomain } from "./plan/planSdk.js";
import {
  CONTENT_STAMP,
  sdkPackage,
  stampedVersion,
  type GeneratorIdentity,
  type PackageOptions,
  type SdkPackage,
} from "./plan/sdkPackage.js";
import type { PlannedFile } from "./plan/views.js";
import { PROJECT_ROOT } from "./util/projectRoot.js";
import type { RenderedFile } from "./render/renderFiles.js";
import type { SpecReport } from "./plan/concurrencySurface.js";

export interface GenerateOptions {
  specs: string[];
  out: string;
  /** Compare only: write nothing. */
  check: boolean;
  /** Replace files in `out` that no previous run wrote (refused otherwise). */
  force?: boolean;
  /** How long to wait for another run writing `out` (default: outputLock.ts). */
  lockWaitMs?: number;
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
 * The whole pipeline, top-down: spec files → loaded documents (load) → resource model (model) →
 * the SDK's domains, merged across spec files (merge) → a view per output file (plan) → laid-out text (render) → written files (emit). Every stage
 * finishes before anything is written, so a failing run writes nothing. The cache wraps stages from
 * outside (cache/stageCache.ts, cache/groupCache.ts): the model of a spec is keyed by the spec's
 * name and text, a domain's plan and files by its specs, the text of a file by its view, and a whole
 * identical run only confirms that the output is intact.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  checkOutputFolder(options.out, options.specs);
  const cache = new ContentCache(options.cacheDir, generatorFingerprint(PROJECT_ROOT));
  const identity = sdkPackage(options.package ?? {}, generatorIdentity());
  // load, first part: the spec files' texts, which key the cache.
  const specs = readSpecTexts(findSpecFiles(options.specs)).map((spec) => ({ ...spec, hash: specHash(spec) }));
  const runKey = contentHash("run", resolve(options.out), JSON.stringify(identity), ...specs.map((spec) => spec.hash));
  const previous = readRecord(cache.read(runKey));
  if (previous && outputMatches(options.out, previous.hashes)) {
    const files = Object.keys(previous.hashes).length;
    const changes = { added: [], changed: [], removed: [], unchanged: files, interrupted: false };
    return { report: previous.report, changes, files };
  }
  return generateFrom(options, cache, identity, specs, runKey);
}

async function generateFrom(
  options: GenerateOptions,
  cache: ContentCache,
  identity: SdkPackage,
  specs: readonly HashedSpec[],
  runKey: string,
): Promise<GenerateResult> {
  // The renderer is loaded only when a file renders; threads parse the changed specs while this
  // thread loads it.
  const renderer = lazyRenderer();
  const modelling = cachedStage(cache, specs, MODEL_CACHING, (missing) => {
    const modelled = modelSpecs(missing);
    void renderer();
    return modelled;
  });
  // load (parsed, checked) and model, per spec.
  const models = await modelling;
  models.forEach((model) => options.onSpec?.(model));
  // merge (the domains, their versions merged across spec files; errors placed in the texts read above).
  const merged = mergeSpecs(models, specs);
  // plan (every output file and its view) and render: each domain's files render while the next domain is planned.
  const specHashes = new Map(models.map((model, index) => [model, specs[index]!.hash]));
  const { files, report } = await planAndRender(merged, identity, renderer, cache, specHashes);
  // emit.
  return emit(options, cache, runKey, report, files);
}

/** A spec file's identity: its path (which the model records) and its text. */
type HashedSpec = SpecText & { hash: string };

function specHash({ file, text }: SpecText): string {
  return contentHash(file, text);
}

/**
 * load + model: the specs parsed on parser threads, each checked and built into its model on this
 * thread as soon as it is parsed. The threads (each loads the YAML libraries) start only for specs
 * the cache does not hold, at most one per spec: a run that changed one spec starts one.
 */
function modelSpecs(specs: readonly SpecText[]): Promise<SpecModel[]> {
  return loadEach(specs, buildSpecModel);
}

const MODEL_CACHING = {
  stage: "model",
  key: (spec: HashedSpec) => spec.hash,
  encode: (model: SpecModel) => JSON.stringify(model),
  decode: (text: string) => JSON.parse(text) as SpecModel,
};

/**
 * plan + render, then the default version's content hash: a hash of the files as rendered with its
 * placeholder, swapped into them in its place (sdkPackage.ts: stampedVersion). A domain whose specs
 * and package identity are unchanged is neither planned nor rendered: its files come from the cache.
 */
async function planAndRender(
  merged: MergedSdk,
  identity: SdkPackage,
  renderer: LazyRenderer,
  cache: ContentCache,
  specHashes: ReadonlyMap<SpecModel, string>,
): Promise<{ files: RenderedFile[]; report: SpecReport }> {
  const domains = new GroupCache<Omit<PlannedDomain, "files">>(cache, "domain");
  const domainKey = ({ host, specs }: MergedDomain) =>
    JSON.stringify([identity, host, ...specs.map((spec) => specHashes.get(spec))]);
  const rendering = new RenderStage(cache, domains);
  try {
    const planned = planSdk(merged, RUNTIME, STATIC, identity, (domain, plan) => {
      const output = domains.output(domainKey(domain), domain.host, plan);
      rendering.add(output.files); // rendered on the helper thread while the next domain is planned
      return output;
    });
    rendering.add(planned.files);
    const files = domains.complete(await rendering.finish(renderer));
    const stamped = stampedVersion(identity, contentHash(...files.flatMap((file) => [file.path, file.text])));
    if (stamped === undefined) return { files, report: planned.report };
    const stampedFiles = files.map((file) => ({ ...file, text: file.text.replaceAll(identity.version, stamped) }));
    return { files: stampedFiles, report: planned.report };
  } finally {
    rendering.close();
  }
}

/**
 * Renders planned files as they are planned, laid out as prettier lays them out, but for those
 * whose view an earlier run rendered: their texts come from the cache (cache/groupCache.ts). A
 * file's text is a function of its view (and the templates, which the generator fingerprint
 * covers). Many files to render start a helper thread, which renders while this thread plans on.
 */
class RenderStage {
  private readonly added = new Map<PlannedFile, SourcedFile>();
  private readonly toRender: PlannedFile[] = [];
  private readonly work = new SharedWork<PlannedFile, RenderedFile>(
    () => startRenderHelper(TEMPLATES),
    HELPER_MIN_FILES,
  );

  constructor(
    private readonly cache: ContentCache,
    private readonly domains: GroupCache<object>,
  ) {}

  /** Files planned so far; those added before are passed over. */
  add(files: readonly PlannedFile[]): void {
    const fresh: PlannedFile[] = [];
    for (const file of files) {
      if (this.added.has(file)) continue;
      // Without a cache nothing is kept, and no file needs the key of its view.
      const source = this.cache.enabled ? contentHash("render", JSON.stringify(file)) : "";
      const text = this.cache.enabled ? this.domains.earlierText(source) : undefined;
      this.added.set(file, { path: file.path, text: text ?? "", source });
      if (text === undefined) fresh.push(file);
    }
    this.toRender.push(...fresh);
    this.work.add(fresh);
  }

  /** Every file added, in the order added, with its text. */
  async finish(renderer: LazyRenderer): Promise<SourcedFile[]> {
    if (this.toRender.length > 0) {
      const { renderFile, loadTemplates } = await renderer();
      const templates = loadTemplates(TEMPLATES);
      const rendered = await this.work.finish((file) => renderFile(file, templates));
      this.toRender.forEach((file, index) => (this.added.get(file)!.text = rendered[index]!.text));
    }
    return [...this.added.values()];
  }

  close(): void {
    this.work.close();
  }
}

type Renderer = typeof import("./render/renderer.js");
type LazyRenderer = () => Promise<Renderer>;

/** The render stage, loaded on first use: a run whose files all come from the cache never loads it. */
function lazyRenderer(): LazyRenderer {
  let loading: Promise<Renderer> | undefined;
  return () => (loading ??= import("./render/renderer.js"));
}

/**
 * Compares with the output, writes it unless checking, and records the run for the next one. A
 * writing run holds the output's lock from before it compares until it has written.
 */
async function emit(
  options: GenerateOptions,
  cache: ContentCache,
  runKey: string,
  report: SpecReport,
  files: RenderedFile[],
): Promise<GenerateResult> {
  if (options.check) return compareAndWrite(options, cache, runKey, report, files);
  const release = await lockOutput(options.out, options.lockWaitMs);
  try {
    completeInterruptedRun(options.out);
    return await compareAndWrite(options, cache, runKey, report, files);
  } finally {
    release();
  }
}

async function compareAndWrite(
  options: GenerateOptions,
  cache: ContentCache,
  runKey: string,
  report: SpecReport,
  files: RenderedFile[],
): Promise<GenerateResult> {
  const changes = compareOutput(options.out, files);
  const stale = changes.interrupted || changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (options.check && stale) {
    changes.differences = outputDifferences(options.out, files, changes, CONTENT_STAMP);
    return { report, changes, files: files.length };
  }
  if (!options.check) await writeOutput(options.out, files, changes, options.force ?? false);
  const hashes = Object.fromEntries(files.map((file) => [file.path, contentHash(file.text)]));
  cache.write(runKey, JSON.stringify({ report, hashes } satisfies RunRecord));
  cache.pruneOtherGenerators();
  return { report, changes, files: files.length };
}

/** The generator's version and the TypeScript and esbuild it is built and tested with, from its package.json. */
function generatorIdentity(): GeneratorIdentity {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const typescript = manifest.dependencies?.typescript ?? manifest.devDependencies?.typescript;
  const esbuild = manifest.dependencies?.esbuild ?? manifest.devDependencies?.esbuild;
  return { version: manifest.version, typescript, esbuild };
}

function readRecord(text: string | undefined): RunRecord | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as RunRecord);
  } catch {
    return undefined;
  }
}
