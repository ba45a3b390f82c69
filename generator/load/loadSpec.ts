/**
 * The load stage. Takes spec file paths (readSpecTexts) and their texts (loadSpecs); gives each as a
 * checked OpenAPI document (`LoadedSpec`): parsed (YAML on worker threads), shaped as OpenAPI 3.0
 * (a 3.1 document's schemas read into the 3.0 form),
 * every `$ref` naming a component of the same file, schema keywords typed. Bad input stops here.
 */
import { readFileSync } from "node:fs";
import { GeneratorError } from "../util/diagnostics.js";
import type { Diagnostic } from "../util/diagnostics.js";
import { checkShape, openApiVersion } from "./documentShape.js";
import { locateWarnings } from "./locate.js";
import { hasSchemasToRead, normalizeSchemas } from "./openapi31.js";
import { parseSpecs, type SpecText } from "./parseSpecs.js";
import { checkTree } from "./documentTree.js";
import { checkSchemaCycles } from "./schemaCycles.js";
import { checkSchemas } from "./schemaShape.js";
import { specName } from "./specFiles.js";

export type { SpecText } from "./parseSpecs.js";
export { locate } from "./locate.js";

/** One spec file, parsed into plain data: the loader's output and the model builder's input. */
export interface LoadedSpec {
  /** The path the spec was read from, as given. */
  file: string;
  /** File name without extension, e.g. `twilio_sync_v1`. */
  name: string;
  document: OpenApiDocument;
  /** Problems that did not stop the load but change what is generated (a type read as its nearest). */
  warnings: Diagnostic[];
}

/**
 * The parts of an OpenAPI document the generator reads; everything else passes through untyped.
 * A 3.1 document's schemas are in the 3.0 form here (openapi31.ts), as are those of every 3.0 one.
 */
export interface OpenApiDocument {
  openapi: string;
  info: { title?: string; version?: string; "x-twilio"?: { apiStandards?: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: unknown;
}

/** Reads spec files as text, for hashing and parsing. */
export function readSpecTexts(files: readonly string[]): SpecText[] {
  return files.map((file) => {
    try {
      return { file, text: readFileSync(file, "utf8") };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new GeneratorError({ file }, `the spec file cannot be read (${reason})`, "pass a readable spec file");
    }
  });
}

/**
 * Parses specs (YAML in parallel, on parser threads) and checks that each is an OpenAPI 3.0
 * or 3.1 document whose references all lead to components of the same file and whose schemas are
 * typed; 3.1 schemas are read into the 3.0 form.
 */
export function loadSpecs(specs: readonly SpecText[]): Promise<LoadedSpec[]> {
  return loadEach(specs, (spec) => spec);
}

/**
 * Loads specs as `loadSpecs` does and hands each to `use` as soon as it is loaded, while the
 * parser threads go on with the rest; gives `use`'s results in spec order. The error a run stops
 * with does not depend on which thread finishes first: any syntax error comes before any other
 * load error, which comes before any error `use` throws; among equals, the first spec's.
 */
export async function loadEach<Result>(
  specs: readonly SpecText[],
  use: (spec: LoadedSpec) => Result,
): Promise<Result[]> {
  const results: Result[] = [];
  let first: { stage: Stage; index: number; error: unknown } | undefined;
  /** Whether an error at this stage of this spec would come before the first one so far. */
  const mayComeFirst = (stage: Stage, index: number) =>
    first === undefined || stage < first.stage || (stage === first.stage && index < first.index);
  const fail = (stage: Stage, index: number, error: unknown) => {
    if (mayComeFirst(stage, index)) first = { stage, index, error };
  };
  const parsed = (index: number, document: unknown) => {
    if (!mayComeFirst(STAGE.check, index)) return; // no error of this spec's could be the one reported
    let loaded: LoadedSpec;
    try {
      loaded = checked(specs[index]!, document);
    } catch (error) {
      return fail(STAGE.check, index, error);
    }
    if (!mayComeFirst(STAGE.use, index)) return;
    try {
      results[index] = use(loaded);
    } catch (error) {
      fail(STAGE.use, index, error);
    }
  };
  await parseSpecs(specs, parsed, (index, error) => fail(STAGE.parse, index, error));
  if (first !== undefined) throw first.error;
  return results;
}

/** Which of a spec's errors is reported first: a syntax error, then a load error, then `use`'s. */
const STAGE = { parse: 0, check: 1, use: 2 } as const;
type Stage = (typeof STAGE)[keyof typeof STAGE];

/** A parsed spec's document, checked (and a 3.1 document's schemas read into the 3.0 form). */
function checked({ file, text }: SpecText, document: unknown): LoadedSpec {
  checkShape(file, document);
  checkTree(file, document);
  const version = openApiVersion(document);
  const warnings = hasSchemasToRead(version, text) ? normalizeSchemas(file, document, version) : [];
  checkSchemas(file, document);
  checkSchemaCycles(file, document);
  return {
    file,
    name: specName(file),
    document: document as unknown as OpenApiDocument,
    warnings: locateWarnings(file, warnings),
  };
}
