import { compareText } from "../util/ordering.js";

/** Matches two lists by key: `[key, before, after]` in key order, a side undefined when only the other has it. */
export function pairUp<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): [string, T | undefined, T | undefined][] {
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const now = new Map(after.map((item) => [keyOf(item), item]));
  return [...new Set([...old.keys(), ...now.keys()])].sort(compareText).map((key) => [key, old.get(key), now.get(key)]);
}
