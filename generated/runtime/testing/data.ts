/**
 * What the generator emits for the Twilio double: per resource, its paths, key, SID prefix,
 * fields and operations, as compact data the engine reads (the generated `testing/` folder
 * holds one such list per service). Text-encoded lists keep ~1450 operations small.
 */
import type { HttpMethod } from "../client.js";

/**
 * How a response field is typed: `s` string, `i` integer, `n` number, `b` boolean, `a` array,
 * `o` object, `u` any JSON, `d` ISO 8601 date-time, `r` RFC 2822 date-time, `t` ISO 8601 day.
 */
export type FieldType = "s" | "i" | "n" | "b" | "a" | "o" | "u" | "d" | "r" | "t";

/** What the double does with an operation: keep instances (`store`), or answer a schema-shaped body. */
export interface OperationData {
  /** Omitted when it is the kind's usual method (create POST, fetch GET, update POST, patch PATCH, remove DELETE, page GET). */
  method?: HttpMethod;
  /** The success status; omitted when 200 (201 for create, 204 for remove). */
  status?: number;
  /** The operation declares an `If-Match` header. */
  ifMatch?: true;
  /** The success response declares an ETag header, spelt so. */
  etag?: string;
  /**
   * The request parameters that name response fields, `Name:field`, separated by spaces, in
   * path, query and form order; `!` after a form parameter marks it required (`Url!`: required, naming no field).
   */
  params?: string;
  /** A page: `<style> <items key>`, and for token paging `<token parameter> <next field> [<previous field>]`. */
  paging?: string;
  /** Not kept in the store: the fields of the answer's schema (as `ResourceData.fields`). */
  simulated?: string;
}

export type OperationKind = "create" | "fetch" | "update" | "patch" | "remove" | "page";

export type SideOperations = Partial<Record<OperationKind, OperationData>>;

export interface ResourceData {
  /** The Twilio host label: `taskrouter`, `flex-api`. */
  host: string;
  /** The collection's path template: `/v1/Workspaces/{WorkspaceSid}/Tasks`. */
  list?: string;
  /** One instance's path template, its key parameter last: `/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}`. */
  instance?: string;
  /** The response field that holds the key: `sid`. */
  key?: string;
  /** The SID prefix of new instances, from the key field's pattern: `WT`. */
  prefix?: string;
  /**
   * The response fields, `name:type` (FieldType; `?` when nullable; a bare name: `s?`), then
   * `=text` for the schema's default or first enum value, separated by spaces.
   */
  fields: string;
  /** The instance's sub-resources, `name:path below the instance` (`reservations:Reservations`). */
  links?: string;
  listOperations?: SideOperations;
  instanceOperations?: SideOperations;
}

/** One response field, decoded. */
export interface FieldData {
  name: string;
  type: FieldType;
  nullable: boolean;
  /** The schema's default (or first enum value), as text: what the field holds when nothing set it. */
  empty?: string;
}

/** `priority:i?` → `{ name: "priority", type: "i", nullable: true }`; `sid` → a nullable string; `status:s=queued`. */
export function decodeFields(text: string): FieldData[] {
  return words(text).map((entry) => {
    const colon = entry.indexOf(":");
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const [code, empty] = colon < 0 ? ["s?"] : splitFirst(entry.slice(colon + 1), "=");
    const nullable = code.endsWith("?");
    const type = (nullable ? code.slice(0, -1) : code) as FieldType;
    return empty === undefined ? { name, type, nullable } : { name, type, nullable, empty };
  });
}

function splitFirst(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** One request parameter that names a response field. */
export interface ParamData {
  name: string;
  field: string;
  required: boolean;
}

/** `FriendlyName:friendly_name!` → `{ name: "FriendlyName", field: "friendly_name", required: true }`. */
export function decodeParams(text: string | undefined): ParamData[] {
  return words(text ?? "").map((entry) => {
    const required = entry.endsWith("!");
    const [name, field] = splitLast(required ? entry.slice(0, -1) : entry, ":");
    return { name, field: field ?? "", required };
  });
}

/** `name:path` pairs, decoded. */
export function decodePairs(text: string | undefined): [string, string][] {
  return words(text ?? "").map((entry) => {
    const [name, value] = splitLast(entry, ":");
    return [name, value ?? ""];
  });
}

export function words(text: string): string[] {
  return text.split(" ").filter((word) => word !== "");
}

function splitLast(text: string, separator: string): [string, string | undefined] {
  const at = text.lastIndexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
