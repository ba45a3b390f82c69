import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { parseSpecs, type ParserThreads, type SpecText } from "./parseSpecs.js";

export { ParserThreads, type SpecText } from "./parseSpecs.js";

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
  return files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

/** Parses specs (YAML in parallel, on `threads` when given) and checks that each is an OpenAPI 3 document. */
export async function loadSpecs(specs: readonly SpecText[], threads?: ParserThreads): Promise<LoadedSpec[]> {
  const documents = await parseSpecs(specs, threads);
  return specs.map(({ file }) => {
    const document = documents.get(file);
    checkShape(file, document);
    return { file, name: basename(file).replace(/\.(ya?ml|json)$/, ""), document: document as OpenApiDocument };
  });
}

function checkShape(file: string, document: unknown): void {
  const fix = "start from a spec in Twilio's layout: `openapi: 3.0.x`, `info`, `paths`";
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new GeneratorError(
      { file, line: 1, column: 1 },
      "the file is not an OpenAPI document (no top-level mapping)",
      fix,
    );
  }
  const record = document as Record<string, unknown>;
  if (typeof record.openapi !== "string" || !record.openapi.startsWith("3.")) {
    throw new GeneratorError(locate(file, ["openapi"]), "`openapi` must be a 3.x version string", fix);
  }
  if (typeof record.paths !== "object" || record.paths === null) {
    throw new GeneratorError(locate(file, ["paths"]), "`paths` is missing", fix);
  }
}

/**
 * Finds the line and column of a node by path. Parsing positions is costly, so it is done
 * again only when an error is reported, never on the happy path.
 */
export function locate(file: string, pointer: readonly (string | number)[]): SourceLocation {
  const rendered = pointer.join(".");
  try {
    const text = readFileSync(file, "utf8");
    if (file.endsWith(".json")) return { file, pointer: rendered };
    // Loaded only here: a run that reports no error never needs the YAML parser on this thread.
    const { LineCounter, parseDocument } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: false });
    for (let depth = pointer.length; depth > 0; depth--) {
      const node = document.getIn(pointer.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { file, line, column: col, pointer: rendered };
      }
    }
  } catch {
    // Fall through: the pointer alone still names the place.
  }
  return { file, pointer: rendered };
}
