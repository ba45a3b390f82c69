/**
 * The load stage. Takes spec file paths (readSpecTexts) and their texts (loadSpecs); gives each as a
 * checked OpenAPI document (`LoadedSpec`): parsed (YAML on worker threads), shaped as OpenAPI 3.0,
 * every `$ref` naming a component of the same file, schema keywords typed. Bad input stops here.
 */
import { readFileSync } from "node:fs";
import { GeneratorError } from "../util/diagnostics.js";
import { checkShape } from "./documentShape.js";
import { parseSpecs, type ParserThreads, type SpecText } from "./parseSpecs.js";
import { checkTree } from "./documentTree.js";
import { checkSchemaCycles } from "./schemaCycles.js";
import { checkSchemas } from "./schemaShape.js";
import { specName } from "./specFiles.js";

export { ParserThreads, type SpecText } from "./parseSpecs.js";
export { locate } from "./locate.js";

/** One spec file, parsed into plain data: the loader's output and the model builder's input. */
export interface LoadedSpec {
  /** The path the spec was read from, as given. */
  file: string;
  /** File name without extension, e.g. `twilio_sync_v1`. */
  name: string;
  document: OpenApiDocument;
}

/** The parts of an OpenAPI 3.0 document the generator reads; everything else passes through untyped. */
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
 * Parses specs (YAML in parallel, on `threads` when given) and checks that each is an OpenAPI 3.0
 * document whose references all lead to components of the same file and whose schemas are typed.
 */
export async function loadSpecs(specs: readonly SpecText[], threads?: ParserThreads): Promise<LoadedSpec[]> {
  const documents = await parseSpecs(specs, threads);
  return specs.map(({ file }) => {
    const document = documents.get(file);
    checkShape(file, document);
    checkTree(file, document);
    checkSchemas(file, document);
    checkSchemaCycles(file, document);
    return {
      file,
      name: specName(file),
      document: document as unknown as OpenApiDocument,
    };
  });
}
