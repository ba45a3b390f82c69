import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { LineCounter, parseDocument, YAMLParseError } from "yaml";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";

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
}

export function loadSpec(file: string): LoadedSpec {
  const text = readFileSync(file, "utf8");
  const document = file.endsWith(".json") ? parseJson(file, text) : parseYaml(file, text);
  checkShape(file, document);
  return { file, name: basename(file).replace(/\.(ya?ml|json)$/, ""), document: document as OpenApiDocument };
}

function parseYaml(file: string, text: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const [line, column] =
      error instanceof YAMLParseError && error.linePos
        ? [error.linePos[0].line, error.linePos[0].col]
        : [undefined, undefined];
    throw new GeneratorError(
      { file, line, column },
      `invalid YAML: ${error.message.split("\n")[0]}`,
      "correct the YAML syntax at that position",
    );
  }
  return document.toJS({ maxAliasCount: -1 });
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const location = Number.isNaN(offset) ? { file } : { file, ...lineAndColumn(text, offset) };
    throw new GeneratorError(location, `invalid JSON: ${message}`, "correct the JSON syntax at that position");
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
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
