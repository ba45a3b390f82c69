import { compareText } from "../util/ordering.js";
import type { TypeSurface } from "./sdkSurface.js";

/**
 * How a type changed. `widened`: the new one accepts more values (an enum value added);
 * `narrowed`: fewer (a value removed, a property made required or added as required); `extended`:
 * an object type gained optional properties, which neither a reader nor a writer of it notices;
 * `changed`: other values (a property removed, a type swapped). An output (a field, a return type)
 * may narrow or extend; an input (an option) may widen or extend.
 */
export type TypeChange = "same" | "widened" | "narrowed" | "extended" | "changed";

/** By the members of its union (or of its array's element union), or by an object type's properties. */
export function typeChange(before: TypeSurface, after: TypeSurface): TypeChange {
  if (before.text === after.text) return "same";
  if (before.properties && after.properties) return propertiesChange(before.properties, after.properties);
  const members = (type: TypeSurface, other: TypeSurface) =>
    type.elements && other.elements ? type.elements : (type.union ?? [type.text]);
  const [old, next] = [new Set(members(before, after)), new Set(members(after, before))];
  if ((before.elements === undefined) !== (after.elements === undefined)) return "changed";
  const within = (a: Set<string>, b: Set<string>) => [...a].every((member) => b.has(member));
  if (within(old, next)) return within(next, old) ? "same" : "widened";
  return within(next, old) ? "narrowed" : "changed";
}

type Properties = NonNullable<TypeSurface["properties"]>;

function propertiesChange(before: Properties, after: Properties): TypeChange {
  const verdicts: TypeChange[] = [];
  for (const [name, old] of Object.entries(before)) {
    const next = after[name];
    if (!next) {
      verdicts.push("changed");
      continue;
    }
    verdicts.push(typeChange(old.type, next.type));
    if (old.optional && !next.optional) verdicts.push("narrowed");
    if (!old.optional && next.optional) verdicts.push("widened");
  }
  for (const [name, next] of Object.entries(after)) {
    if (!(name in before)) verdicts.push(next.optional ? "extended" : "narrowed");
  }
  return combined(verdicts);
}

/** The change of a whole from its parts': the strongest, and `changed` when they pull both ways. */
function combined(verdicts: readonly TypeChange[]): TypeChange {
  const seen = new Set(verdicts);
  if (seen.has("changed") || (seen.has("narrowed") && seen.has("widened"))) return "changed";
  if (seen.has("narrowed")) return "narrowed";
  if (seen.has("widened")) return "widened";
  return seen.has("extended") ? "extended" : "same";
}

/** Types this long are described by what they gained and lost, where they are unions or objects. */
const WHOLE_TYPE_CHARS = 200;

/**
 * `before` → `after`; for long unions (every usage category) and object types (a response's data)
 * the members or properties added, removed and changed instead.
 */
export function typeDetail(before: TypeSurface, after: TypeSurface): string {
  const whole = `\`${before.text}\` → \`${after.text}\``;
  if (before.text.length + after.text.length <= WHOLE_TYPE_CHARS) return whole;
  if (before.properties && after.properties) {
    const [old, next] = [before.properties, after.properties];
    const changed = Object.keys(old).filter((name) => {
      const [was, is] = [old[name]!, next[name]];
      return is !== undefined && (was.optional !== is.optional || typeChange(was.type, is.type) !== "same");
    });
    return differences("properties", Object.keys(old), Object.keys(next), changed);
  }
  const members = (type: TypeSurface) => type.elements ?? type.union;
  const [old, next] = [members(before), members(after)];
  return old && next ? differences("members", old, next, []) : whole;
}

function differences(noun: string, before: readonly string[], after: readonly string[], changed: string[]): string {
  const list = (names: string[]) =>
    names
      .sort(compareText)
      .map((name) => `\`${name}\``)
      .join(", ");
  const added = after.filter((name) => !before.includes(name));
  const removed = before.filter((name) => !after.includes(name));
  const parts = [
    added.length > 0 && `${noun} added: ${list(added)}`,
    removed.length > 0 && `${noun} removed: ${list(removed)}`,
    changed.length > 0 && `${noun} changed: ${list(changed)}`,
  ].filter((part): part is string => typeof part === "string");
  return parts.length > 0 ? parts.join("; ") : "the same members, written otherwise";
}
