import { isEntityTag } from "./etag.js";

/**
 * How a declared field is read from the response body, as twilio-node reads it: as received, as
 * an integer (`type: integer` but `int64`), as a `Date` (`format: date`, `date-time`,
 * `date-time-rfc-2822`), or as an object (a list of objects) whose declared keys are renamed.
 */
export type FieldReading = "integer" | "date" | "object" | "objects";

/**
 * A declared field: its member on the instance, its key in the response body, how it is read, and
 * for an object field its declared keys: camel-case name to wire name (`{ basePrice: "base_price" }`).
 */
export type DeclaredField = readonly [
  member: string,
  wireName: string,
  reading?: FieldReading,
  keys?: Readonly<Record<string, string>>,
];

const DECLARED_FIELDS = Symbol("declaredFields");

/**
 * Declares the fields of a generated instance class: each instance then holds them as own
 * enumerable data properties, read from its response body when it is built, so spread,
 * `Object.keys`, `JSON.stringify` and `util.inspect` see the resource's data and nothing else.
 * The generated class declares their types (`declare readonly accountSid: ...`).
 */
export function declareFields(Instance: abstract new (...args: never[]) => object, fields: readonly DeclaredField[]) {
  Object.defineProperty(Instance, DECLARED_FIELDS, { value: fields.map(fieldReader) });
}

/** A declared field made ready to read, once per class: every instance of the class reads it. */
interface FieldReader {
  member: string;
  wireName: string;
  date: boolean;
  /** How the value is read; undefined: as received. */
  read: ((value: unknown) => unknown) | undefined;
  /** Named like an `Object.prototype` member: read only when the body has it as its own. */
  inherited: boolean;
}

function fieldReader([member, wireName, reading, keys = {}]: DeclaredField): FieldReader {
  const readers: Record<FieldReading, (value: unknown) => unknown> = {
    date: parseDate,
    integer: parseInteger,
    object: (value) => renameKeys(value, keys),
    objects: (value) => (Array.isArray(value) ? value.map((item) => renameKeys(item, keys)) : (value ?? null)),
  };
  const read = reading === undefined ? undefined : readers[reading];
  return { member, wireName, date: reading === "date", read, inherited: wireName in Object.prototype };
}

function declaredFields(Instance: object): readonly FieldReader[] {
  return (Instance as { [DECLARED_FIELDS]?: readonly FieldReader[] })[DECLARED_FIELDS] ?? NO_FIELDS;
}

const NO_FIELDS: readonly FieldReader[] = [];

/**
 * Base class of generated instance classes: the declared fields as data, and, kept out of them,
 * the raw body (`raw()`) and the headers of the response that produced it, so its ETag can be
 * sent back in If-Match on the next update or delete.
 */
export class ResourceInstance<TResource extends object> {
  readonly #body: TResource;
  readonly #headers: Headers;

  constructor(resource: TResource, headers: Headers) {
    this.#body = resource;
    this.#headers = headers;
    readFields(this, declaredFields(new.target), resource);
  }

  /** Headers of the response that produced this instance. */
  get headers(): Headers {
    return this.#headers;
  }

  /**
   * The raw ETag header (quotes and `W/` kept), or undefined if absent or not one entity tag (empty,
   * repeated, folded, malformed; see isEntityTag): sent back in If-Match, such a value would weaken
   * the precondition. Always undefined for items of a list page: the list's ETag is not theirs.
   */
  get etag(): string | undefined {
    const value = this.#headers.get("ETag");
    return isEntityTag(value) ? value : undefined;
  }

  /** The resource exactly as received: snake_case keys, unconverted values, fields the spec does not declare. */
  raw(): TResource {
    return this.#body;
  }

  /**
   * The resource's key field as a path value, for the instance's own context. A response without
   * it cannot address anything: an error, rather than a request to `.../undefined`.
   */
  protected keyField(field: string): string {
    const value = ownValue(this.#body, field);
    if ((typeof value === "string" && value !== "") || typeof value === "number") return String(value);
    throw new TypeError(
      `This ${this.constructor.name} has no "${field}" (the response did not carry it), so it cannot address ` +
        "its resource; nothing was sent",
    );
  }

  /**
   * The declared fields as twilio-node's `toJSON()` gives them: in the spec's order, dates as
   * `Date`s (ISO text in JSON); a date field whose text is no date keeps that text.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    const data = this as unknown as Record<string, unknown>;
    for (const { member, wireName, date } of declaredFields(this.constructor)) {
      const value = data[member];
      json[member] = date && isInvalidDate(value) ? ownValue(this.#body, wireName) : value;
    }
    return json;
  }
}

/** Sets each declared field on `instance`, read from `body`; a field the body lacks is `undefined`. */
function readFields(instance: object, fields: readonly FieldReader[], body: object): void {
  const data = instance as Record<string, unknown>;
  const source = body as Record<string, unknown>;
  for (const field of fields) {
    const value = field.inherited ? ownValue(body, field.wireName) : source[field.wireName];
    data[field.member] = field.read === undefined ? value : field.read(value);
  }
}

/**
 * An object field as twilio-node reads it: its declared keys renamed, in their declared order, values
 * as received; undeclared keys left out; `null` when absent. What is no object stays as it is.
 */
function renameKeys(value: unknown, keys: Readonly<Record<string, string>>): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) return value;
  const renamed: Record<string, unknown> = {};
  for (const [key, wireName] of Object.entries(keys)) renamed[key] = ownValue(value, wireName);
  return renamed;
}

/** A body's own value: a field named like an `Object.prototype` member that the body lacks is absent. */
export function ownValue(body: object, key: string): unknown {
  return Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;
}

function isInvalidDate(value: unknown): boolean {
  return value instanceof Date && Number.isNaN(value.getTime());
}

/**
 * An integer field as twilio-node reads it (`parseInt`): `12` stays, `"12"` and `12.7` become 12;
 * what reads as no number (`null`, absent, `"n/a"`) stays as it is.
 */
export function parseInteger<T>(value: T): T {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  const parsed = Number.parseInt(value as string);
  return (Number.isNaN(parsed) ? value : parsed) as T;
}

/** `base_price` → `basePrice`, `KYT` → `kYT`, as the generator names the keys of an object field. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** An object's keys in camel case. */
export type CamelCased<T> = { [K in keyof T as K extends string ? Uncapitalize<CamelCase<K>> : K]: T[K] };

/** The type of an object field read with its keys in camel case: absent and `null` become `null`. */
export type ReadObject<T> = T extends null | undefined ? null : CamelCased<T>;

/** The type of a list-of-objects field read with their keys in camel case: absent and `null` become `null`. */
export type ReadObjects<T> = T extends null | undefined ? null : T extends readonly (infer I)[] ? CamelCased<I>[] : T;

/** The type of a date field read as a `Date`: `string | null` becomes `Date | null`. */
export type ParsedDate<T> = T extends string ? Date : T;

/**
 * A response date as a `Date`: ISO 8601 (`2024-01-02T03:04:05Z`; a day, or a time without an
 * offset, read as UTC, as twilio-node reads them) or RFC 2822 (`Tue, 02 Jan 2024 03:04:05 +0000`,
 * api v2010). `null` and absent stay as they are; text that is no date gives an Invalid Date
 * (`toJSON()` keeps the text).
 */
export function parseDate<T>(value: T): ParsedDate<T> {
  if (typeof value !== "string") return value as ParsedDate<T>;
  // Read with every instance: the form Twilio writes skips the general pattern's captures.
  const instant = twilioTimestamp(value);
  if (instant !== undefined) return new Date(instant) as ParsedDate<T>;
  if (TWILIO_TIMESTAMP.test(value)) return new Date(value) as ParsedDate<T>;
  const iso = ISO_8601.exec(value);
  // Only these: `new Date` alone reads "1" as 2001-01-01, and an offset-less time in the local zone.
  if (iso !== null) return new Date(`${iso[1]}${iso[2] ? `T${iso[2]}${iso[3] ?? "Z"}` : ""}`) as ParsedDate<T>;
  return (RFC_2822.test(value) ? new Date(value) : new Date(NaN)) as ParsedDate<T>;
}

/**
 * The instant of `2024-01-02T03:04:05Z` read digit by digit, at about half the cost of the pattern
 * and `new Date(text)`: only for years from 1000 and days up to the 28th, where Date.UTC gives what
 * `new Date(text)` gives; undefined for anything else, which the patterns below read.
 */
function twilioTimestamp(text: string): number | undefined {
  const separators = text[4] === "-" && text[7] === "-" && text[10] === "T" && text[13] === ":" && text[16] === ":";
  if (text.length !== 20 || !separators || text[19] !== "Z") return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28)) return undefined;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The decimal number of `text`'s `length` characters from `start`; NaN unless all are digits 0-9. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** `2024-01-02T03:04:05Z`: ECMAScript's own date-time format, which `new Date` reads as that instant everywhere. */
const TWILIO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `2024-01-02`, or a timestamp (`T` or a space), with or without its offset: `2024-01-02T03:04:05Z`, `...05.678+01:00`. */
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/;
/** `Tue, 02 Jan 2024 03:04:05 +0000` (api v2010). */
const RFC_2822 = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT)$/;

/**
 * Gives an instance class its context's operations and sub-resources: each of `methods` and
 * `getters` builds the instance's context (`contextOf`) and calls or returns its member of that
 * name. The methods are async, so an instance that cannot address its resource rejects. The
 * generated class declares their types by merging an interface that picks them from the context.
 */
export function delegateToContext<I>(
  Instance: { prototype: I },
  contextOf: (instance: I) => object,
  methods: readonly string[],
  getters: readonly string[] = [],
): void {
  type Members = Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of methods) {
    const method = {
      async [name](this: I, ...args: unknown[]): Promise<unknown> {
        return (contextOf(this) as Members)[name]!(...args);
      },
    }[name];
    Object.defineProperty(Instance.prototype, name, { value: method, writable: true, configurable: true });
  }
  for (const name of getters) {
    const get = function (this: I): unknown {
      return (contextOf(this) as Record<string, unknown>)[name];
    };
    Object.defineProperty(Instance.prototype, name, { get, configurable: true });
  }
}
