/**
 * The double's values: SIDs from a seeded generator, a clock that moves only when told, dates in
 * each API's format, and request text converted to the response field's type.
 */
import type { FieldData, FieldType } from "./data.js";

/** A deterministic 32-bit generator (mulberry32): the same seed gives the same SIDs in every runtime. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next 32 random bits. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let value = this.#state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return (value ^ (value >>> 14)) >>> 0;
  }

  /** `<prefix>` and 32 lowercase hex digits, as Twilio's SIDs are. */
  sid(prefix: string): string {
    let hex = "";
    for (let part = 0; part < 4; part += 1) hex += this.next().toString(16).padStart(8, "0");
    return prefix + hex;
  }
}

/** Milliseconds since the epoch, moved by `advance` (every request moves it by `step`). */
export class DoubleClock {
  #now: number;

  constructor(
    start: number,
    readonly step: number,
  ) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time as a date field of `type` writes it: `2025-01-01T00:00:00Z`, `Wed, 01 Jan 2025 00:00:00 +0000`, `2025-01-01`. */
export function formatDate(milliseconds: number, type: FieldType): string {
  const date = new Date(milliseconds);
  const iso = date.toISOString();
  if (type === "t") return iso.slice(0, 10);
  if (type === "d") return `${iso.slice(0, 19)}Z`;
  const two = (value: number) => String(value).padStart(2, "0");
  return (
    `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

export function isDateType(type: FieldType): boolean {
  return type === "d" || type === "r" || type === "t";
}

/** A request value that does not fit its field's type: the double answers 400. */
export class InvalidValue extends Error {}

/**
 * The value a field takes from a request parameter's text (several texts: a repeated form field).
 * JSON bodies give values as they are; only a date is reformatted.
 */
export function fieldValue(field: FieldData, texts: readonly unknown[], name: string): unknown {
  const text = texts[0];
  if (typeof text !== "string") return field.type === "a" && texts.length !== 1 ? [...texts] : text;
  switch (field.type) {
    case "a":
      return texts.length === 1 ? jsonOr(text, () => [text]) : [...texts];
    case "i":
    case "n": {
      const number = Number(text);
      if (text.trim() === "" || !Number.isFinite(number) || (field.type === "i" && !Number.isInteger(number)))
        throw new InvalidValue(`${name} must be ${field.type === "i" ? "an integer" : "a number"}, got ${text}`);
      return number;
    }
    case "b":
      if (!/^(true|false)$/i.test(text)) throw new InvalidValue(`${name} must be true or false, got ${text}`);
      return text.toLowerCase() === "true";
    case "o":
    case "u":
      return jsonOr(text, () => text);
    case "d":
    case "r":
    case "t": {
      const time = Date.parse(text);
      if (Number.isNaN(time)) throw new InvalidValue(`${name} must be a date, got ${text}`);
      return formatDate(time, field.type);
    }
    default:
      return text;
  }
}

function jsonOr(text: string, otherwise: () => unknown): unknown {
  if (!/^\s*[[{]/.test(text)) return otherwise();
  try {
    return JSON.parse(text);
  } catch {
    return otherwise();
  }
}

/** What a field holds when nothing set it: its default, else null where the schema allows, else its type's empty value (a date: now). */
export function emptyValue(field: FieldData, now: number): unknown {
  if (field.empty !== undefined) return fieldValue(field, [field.empty], field.name);
  if (field.nullable) return null;
  switch (field.type) {
    case "s":
      return "";
    case "i":
    case "n":
      return 0;
    case "b":
      return false;
    case "a":
      return [];
    case "o":
      return {};
    case "u":
      return null;
    default:
      return formatDate(now, field.type);
  }
}

/** Twilio's error body, `{ code, message, more_info, status }`. */
export function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
