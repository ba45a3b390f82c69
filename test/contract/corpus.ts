/**
 * Shared by the contract test and the contract script: where Twilio's real specs are (beside the
 * checkout, never copied into the project), the SDK generated from them into a temporary folder,
 * Prism run per spec, and the known rejections with their explanations.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate } from "../../generator/generate.js";
import type { SpecModel } from "../../generator/model/types.js";
import {
  contractOperations,
  describeRequest,
  exerciseOperation,
  pool,
  type ExerciseContext,
  type GeneratedSdk,
  type Outcome,
} from "./contract.js";
import { startPrism, type PrismServer } from "./prism.js";
import { classifyExampleDefects, prismDocument } from "./prismSpec.js";

export { newestRelease, pinnedRelease, pinnedTag } from "../support/corpus.js";

/** The spec files of a release: all of them, or those named (without `.yaml`). */
export function corpusSpecFiles(corpus: string, names?: readonly string[]): string[] {
  const all = readdirSync(corpus)
    .filter((file) => /^twilio_.+\.(ya?ml|json)$/.test(file))
    .sort();
  const chosen = names === undefined ? all : all.filter((file) => names.includes(file.replace(/\.(ya?ml|json)$/, "")));
  return chosen.map((file) => join(corpus, file));
}

export interface GeneratedCorpus {
  sdk: GeneratedSdk;
  models: SpecModel[];
  /** The spec file of each model, by spec name. */
  files: Map<string, string>;
  out: string;
  remove(): void;
}

/** Generates the SDK for `specFiles` into a temporary folder (no cache) and imports it. */
export async function generateSdk(specFiles: string[]): Promise<GeneratedCorpus> {
  const out = mkdtempSync(join(tmpdir(), "sdk-contract-"));
  const models: SpecModel[] = [];
  try {
    await generate({ specs: specFiles, out, check: false, cacheDir: undefined, onSpec: (model) => models.push(model) });
    const sdk = (await import(pathToFileURL(join(out, "index.ts")).href)) as GeneratedSdk;
    const files = new Map(
      models.map((model) => [model.name, specFiles.find((file) => file.endsWith(model.file.split(/[\\/]/).pop()!))!]),
    );
    return { sdk, models, files, out, remove: () => rmSync(out, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    throw error;
  }
}

/** The host labels a spec's operations are served from, each pointed at Prism. */
export function specHosts(model: SpecModel): string[] {
  const hosts = new Set<string>([model.host]);
  for (const entry of contractOperations(model)) hosts.add(entry.operation.host);
  return [...hosts].sort();
}

export interface SpecRun {
  spec: string;
  outcomes: Outcome[];
  /** Form array fields whose default encoding was written out for Prism (see prismSpec.ts). */
  explicitEncodings: string[];
  seconds: number;
}

/** Prism running for one spec, with what the operations need to reach it. */
export interface SpecPrism {
  prism: PrismServer;
  context: ExerciseContext;
  /** Form array fields whose default encoding was written out for Prism (see prismSpec.ts). */
  explicitEncodings: string[];
  stop(): Promise<void>;
}

/** Starts Prism on the document prepared for `model`'s spec (see prismSpec.ts). */
export interface PrismOptions {
  timeoutMs?: number;
  /** Give Prism the spec file as published, without the explicit form-array encodings. */
  asPublished?: boolean;
}

export async function startSpecPrism(
  corpus: GeneratedCorpus,
  model: SpecModel,
  options: PrismOptions = {},
): Promise<SpecPrism> {
  const tempDir = mkdtempSync(join(tmpdir(), "prism-spec-"));
  const removeTemp = () => rmSync(tempDir, { recursive: true, force: true });
  try {
    const specFile = corpus.files.get(model.name)!;
    const document = options.asPublished ? { file: specFile, explicitEncodings: [] } : prismDocument(specFile, tempDir);
    const prism = await startPrism(document.file, { timeoutMs: options.timeoutMs });
    return {
      prism,
      context: { sdk: corpus.sdk, prismUrl: prism.url, hosts: specHosts(model), components: model.componentSchemas },
      explicitEncodings: document.explicitEncodings,
      stop: async () => {
        await prism.stop();
        removeTemp();
      },
    };
  } catch (error) {
    removeTemp();
    throw error;
  }
}

/** Starts Prism for one spec, calls every operation (`concurrency` at a time), stops Prism. */
export async function runSpec(
  corpus: GeneratedCorpus,
  model: SpecModel,
  concurrency: number,
  options: PrismOptions = {},
): Promise<SpecRun> {
  const started = Date.now();
  const operations = contractOperations(model);
  // Prism refuses a document without operations; there is nothing to check either.
  if (operations.length === 0) return { spec: model.name, outcomes: [], explicitEncodings: [], seconds: 0 };
  const running = await startSpecPrism(corpus, model, options);
  try {
    const outcomes = await pool(operations, concurrency, (entry) => exerciseOperation(entry, running.context));
    classifyExampleDefects(corpus.files.get(model.name)!, outcomes);
    const seconds = (Date.now() - started) / 1000;
    return { spec: model.name, outcomes, explicitEncodings: running.explicitEncodings, seconds };
  } finally {
    await running.stop();
  }
}

export type RejectionCause = "spec defect" | "Prism limitation" | "SDK gap" | "SDK refusal";

export interface KnownRejection {
  spec: string;
  operationId: string;
  /** The start of Prism's complaint (or of the SDK's refusal of Prism's answer), as recorded. */
  complaint: string;
  cause: RejectionCause;
  explanation: string;
}

/** The file that explains every request Prism rejects. */
export const KNOWN_REJECTIONS_FILE = fileURLToPath(new URL("./known-rejections.md", import.meta.url));

/**
 * The rows of known-rejections.md's tables:
 * `| spec | operationId | Prism's complaint | cause | explanation |`, keyed by `spec operationId`. Rows
 * under a `## ` heading that names a release (`release 2.3.4`) are that release's; the others are the
 * newest corpus's. `release` picks which: a tag, or undefined for the newest corpus.
 */
export function knownRejections(file = KNOWN_REJECTIONS_FILE, release?: string): Map<string, KnownRejection> {
  const known = new Map<string, KnownRejection>();
  if (!existsSync(file)) return known;
  let scope: string | undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("## ")) scope = /\brelease (\d+\.\d+\.\d+)\b/.exec(line)?.[1];
    if (scope !== release) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/\\\|/g, "|"));
    if (cells.length < 5 || !/^`?twilio_/.test(cells[0]!)) continue;
    const [spec, operationId, complaint, cause, explanation] = cells.map((cell) => cell.replace(/^`|`$/g, "")) as [
      string,
      string,
      string,
      RejectionCause,
      string,
    ];
    known.set(`${spec} ${operationId}`, { spec, operationId, complaint, cause, explanation });
  }
  return known;
}

/**
 * What is wrong with an outcome, given the known rejections: undefined when it is as expected
 * (accepted, or rejected with the complaint recorded for it).
 */
export function unexpected(outcome: Outcome, known: Map<string, KnownRejection>): string | undefined {
  const entry = known.get(`${outcome.spec} ${outcome.operationId}`);
  const sent = `sent: ${describeRequest(outcome.request)}`;
  if (outcome.verdict === "failed") return `the SDK failed: ${outcome.problems.join("; ")}\n${sent}`;
  if (outcome.verdict === "accepted") {
    return entry === undefined
      ? undefined
      : `accepted, but known-rejections.md lists it as rejected (${entry.cause}): remove the entry`;
  }
  if (entry === undefined)
    return `rejected, and known-rejections.md does not explain it: ${outcome.complaint}\n${sent}`;
  const refused = outcome.complaint?.includes(" refused by the SDK: ") === true;
  if (refused !== (entry.cause === "SDK refusal")) {
    return refused
      ? `the SDK refused Prism's answer ("${outcome.complaint}"), but known-rejections.md gives the cause "${entry.cause}"`
      : `Prism rejected the request ("${outcome.complaint}"), but known-rejections.md calls it an SDK refusal`;
  }
  if (!outcome.complaint?.startsWith(entry.complaint)) {
    return `the complaint "${outcome.complaint}" is not the one known-rejections.md records ("${entry.complaint}")`;
  }
  return undefined;
}
