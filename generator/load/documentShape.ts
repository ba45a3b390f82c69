import { GeneratorError } from "../util/diagnostics.js";
import { locate, type Pointer } from "./locate.js";

const LAYOUT_FIX = "start from a spec in Twilio's layout: `openapi: 3.0.1`, `info`, `paths`";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks what every later stage relies on: an OpenAPI 3.0 document with the top-level parts typed. */
export function checkShape(file: string, document: unknown): asserts document is Record<string, unknown> {
  const fail = (pointer: Pointer, problem: string, fix = LAYOUT_FIX): never => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  if (!isRecord(document)) fail([], "the file is not an OpenAPI document (no top-level mapping)");
  const record = document as Record<string, unknown>;
  checkVersion(record, fail);
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
      "Swagger 2.0 documents are not supported: the generator reads OpenAPI 3.0",
      "convert the spec to OpenAPI 3.0 (e.g. with swagger2openapi), or use Twilio's spec/yaml files, which are OpenAPI 3.0",
    );
  }
  const version = record.openapi;
  if (typeof version === "string" && /^3\.0\.\d+$/.test(version)) return;
  if (typeof version === "string" && /^3\.\d+\.\d+$/.test(version)) {
    fail(
      ["openapi"],
      `OpenAPI ${version} is not supported: the generator reads OpenAPI 3.0.x`,
      "use Twilio's OpenAPI 3.0 specs, or convert this one to 3.0 (e.g. `type: [string, 'null']` becomes `nullable: true`)",
    );
  }
  fail(["openapi"], "`openapi` must be a 3.0.x version string, such as '3.0.1'");
}
