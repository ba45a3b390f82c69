/**
 * The fields of an instance or a simulated answer: from the request's parameters (form names
 * mapped to response fields, types converted), the path, the account, the clock, and the
 * resource's own URL and links, as Twilio fills them.
 */
import type { FieldData, ParamData } from "./data.js";
import { fillPath, type Resource } from "./routes.js";
import type { Entry } from "./store.js";
import { emptyValue, fieldValue, formatDate, InvalidValue } from "./values.js";

/** The parameters a request sends: path values, then its query, form or JSON body. */
export interface RequestParams {
  path: ReadonlyMap<string, string>;
  /** Every value given for `name` (a repeated form field gives several). */
  values(name: string): unknown[];
}

/** The first required parameter the request lacks, or undefined. */
export function missingParameter(params: readonly ParamData[], request: RequestParams): string | undefined {
  return params.find(
    (param) => param.required && !request.path.has(param.name) && request.values(param.name).length === 0,
  )?.name;
}

/** The fields the request's parameters set, converted to their fields' types (InvalidValue if one does not fit). */
export function fieldsFromParams(
  fields: readonly FieldData[],
  params: readonly ParamData[],
  request: RequestParams,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const param of params) {
    const field = fields.find((candidate) => candidate.name === param.field);
    if (field === undefined) continue;
    const fromPath = request.path.get(param.name);
    const texts = fromPath === undefined ? request.values(param.name) : [fromPath];
    if (texts.length > 0) changes[field.name] = fieldValue(field, texts, param.name);
  }
  return changes;
}

/**
 * `given` when it is an object whose every key is a field of `fields`, by its wire name (as the
 * API's JSON spells it). Else a TypeError naming `where` and the key, and the field to use where
 * one is the key spelt otherwise (`friendlyName`, `FriendlyName` → `friendly_name`).
 */
export function checkedFields(
  fields: readonly FieldData[],
  given: unknown,
  where: string,
  template: string,
): Record<string, unknown> {
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw new TypeError(
      `${where}: fields are an object of wire field names ({ friendly_name: ... }), got ${String(given)}`,
    );
  }
  const names = fields.map((field) => field.name);
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    const spelt = names.find((name) => squashed(name) === squashed(key));
    const fix =
      spelt === undefined ? `; its fields: ${names.join(", ")}` : `: use ${JSON.stringify(spelt)}, its wire name`;
    throw new TypeError(`${where}: ${JSON.stringify(key)} is no field of ${template}${fix}`);
  }
  return given as Record<string, unknown>;
}

/** `changes` to a stored instance when they name its fields and keep its key; else a TypeError naming `where`. */
export function checkedChanges(entry: Entry, changes: unknown, where: string): Record<string, unknown> {
  const { resource } = entry;
  const checked = checkedFields(resource.fields, changes, where, resource.data.instance!);
  const keyField = resource.data.key!;
  if (keyField in checked) checkKey(keyField, checked[keyField], entry.key, where);
  return checked;
}

/** A key given in fields must be the one the instance has: the store files it by that key. */
export function checkKey(keyField: string, given: unknown, key: string, where: string): void {
  if (String(given) === key) return;
  throw new TypeError(
    `${where}: ${keyField} ${JSON.stringify(given)} is not the key of the instance at that URL, ${JSON.stringify(key)}`,
  );
}

/** A name without case or separators, so that `friendlyName`, `FriendlyName` and `friendly_name` meet. */
function squashed(name: string): string {
  return name.replace(/[_\-\s]/g, "").toLowerCase();
}

/** Who and when: the account, the times and the addresses Twilio fills in. */
export interface Filling {
  accountSid: string;
  now: number;
  /** The instance's (or answer's) path on its host. */
  path: string;
  host: string;
}

/** Every field of `fields`, from `given` where set, else Twilio's own values, else empty. */
export function completeFields(
  fields: readonly FieldData[],
  given: Record<string, unknown>,
  filling: Filling,
  resource: Resource | undefined,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    result[field.name] =
      field.name in given
        ? given[field.name]
        : (twilioValue(field, filling, resource) ?? emptyValue(field, filling.now));
  }
  return result;
}

/** The value Twilio itself gives a field of every resource, or undefined. */
function twilioValue(field: FieldData, filling: Filling, resource: Resource | undefined): unknown {
  const { accountSid, now, path, host } = filling;
  switch (field.name) {
    case "account_sid":
    case "accountSid":
      return accountSid;
    case "date_created":
    case "date_updated":
    case "dateCreated":
    case "dateUpdated":
      return field.type === "s" ? formatDate(now, "d") : formatDate(now, field.type);
    case "url":
      return `https://${host}.twilio.com${path}`;
    case "uri":
      return path;
    case "links":
      return resource && links(resource, path, `https://${host}.twilio.com`);
    case "subresource_uris":
      return resource && links(resource, path, "");
    default:
      return undefined;
  }
}

/** The instance's sub-resources, each under its path: absolute `links`, or v2010's relative `subresource_uris`. */
function links(resource: Resource, path: string, origin: string): Record<string, string> | undefined {
  if (resource.links.length === 0) return undefined;
  const base = path.replace(/\.json$/, "");
  return Object.fromEntries(resource.links.map(([name, below]) => [name, `${origin}${base}/${below}`]));
}

/** The path of an instance from its parent's values and its key. */
export function pathOf(template: string, names: readonly string[], parent: readonly string[], key: string): string {
  const values = new Map(names.map((name, index) => [name, index < parent.length ? parent[index]! : key]));
  return fillPath(template, values);
}

export { InvalidValue };
