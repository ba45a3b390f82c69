import { GeneratorError, quoted } from "../util/diagnostics.js";
import { locate, type Pointer } from "./locate.js";

const LAYOUT_FIX = "start from a spec in Twilio's layout: `openapi: 3.0.1`, `info`, `paths`";

/** The dialects whose keywords the 3.1 schema transforms read: OpenAPI 3.1's own, and JSON Schema 2020-12 it extends. */
const KNOWN_DIALECTS = [
  "https://spec.openapis.org/oas/3.1/dialect/base",
  "https://json-schema.org/draft/2020-12/schema",
];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks what every later stage relies on: an OpenAPI 3.0 or 3.1 document with the top-level parts typed. */
export function checkShape(file: string, document: unknown): asserts document is Record<string, unknown> {
  const fail = (pointer: Pointer, problem: string, fix = LAYOUT_FIX): never => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  if (!isRecord(document)) fail([], "the file is not an OpenAPI document (no top-level mapping)");
  const record = document as Record<string, unknown>;
  checkVersion(record, fail);
  checkDialect(record, fail);
  if (record.paths === undefined) fail([], "`paths` is missing", "add `paths:` with the API's operations");
  for (const key of ["info", "paths", "components"] as const) {
    if (record[key] !== undefined && !isRecord(record[key])) fail([key], `\`${key}\` must be a mapping`);
  }
  const components = (record.components ?? {}) as Record<string, unknown>;
  for (const [section, entries] of Object.entries(components)) {
    if (!section.startsWith("x-") && !isRecord(entries))
      fail(["components", section], `\`components.${section}\` must be a mapping of names to definitions`);
  }
  const twilio = (record.info as Record<string, unknown> | undefined)?.["x-twilio"];
  if (twilio !== undefined && !isRecord(twilio)) fail(["info", "x-twilio"], "`info.x-twilio` must be a mapping");
  const standards = isRecord(twilio) ? twilio.apiStandards : undefined;
  if (standards !== undefined && typeof standards !== "string")
    fail(["info", "x-twilio", "apiStandards"], "`apiStandards` must be a string", "quote it: `apiStandards: 'v1.0'`");
}

function checkVersion(
  record: Record<string, unknown>,
  fail: (pointer: Pointer, problem: string, fix?: string) => never,
) {
  if (record.swagger !== undefined) {
    fail(
      ["swagger"],
      "Swagger 2.0 documents are not supported: the generator reads OpenAPI 3.0 and 3.1",
      "convert the spec to OpenAPI 3.0 (e.g. with swagger2openapi), or use Twilio's spec/yaml files, which are OpenAPI 3.0",
    );
  }
  const version = record.openapi;
  if (typeof version === "string" && /^3\.[01]\.\d+$/.test(version)) return;
  if (typeof version === "string" && /^3\.\d+\.\d+$/.test(version)) {
    fail(
      ["openapi"],
      `OpenAPI ${version} is not supported: the generator reads OpenAPI 3.0.x and 3.1.x`,
      "write the spec as OpenAPI 3.1 (`openapi: 3.1.0`) or 3.0",
    );
  }
  fail(["openapi"], "`openapi` must be a 3.0.x or 3.1.x version string, such as '3.0.1' or '3.1.0'");
}

/** The OpenAPI version a checked document is written in, as the schema transforms tell them apart. */
export function openApiVersion(document: Record<string, unknown>): "3.0" | "3.1" {
  return String(document.openapi).startsWith("3.1.") ? "3.1" : "3.0";
}

/** A 3.1 document's `jsonSchemaDialect`: one whose keywords the generator reads, or none. */
function checkDialect(
  record: Record<string, unknown>,
  fail: (pointer: Pointer, problem: string, fix?: string) => never,
) {
  const dialect = record.jsonSchemaDialect;
  if (dialect === undefined) return;
  if (openApiVersion(record) !== "3.1")
    fail(["jsonSchemaDialect"], "`jsonSchemaDialect` is an OpenAPI 3.1 field", "remove it, or write `openapi: 3.1.0`");
  if (typeof dialect !== "string" || !KNOWN_DIALECTS.includes(dialect.replace(/#$/, "")))
    fail(
      ["jsonSchemaDialect"],
      `the schema dialect ${quoted(dialect)} is not one the generator reads`,
      `remove \`jsonSchemaDialect\` (OpenAPI 3.1's own dialect is the default), or write one of ${KNOWN_DIALECTS.join(", ")}`,
    );
}
