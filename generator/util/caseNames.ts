/**
 * Generic case and word helpers for names (`PageSize` → `pageSize`, `tasks` → `task`): no rule of
 * the SDK's own. The plan decides every emitted name with them (plan/names.ts, plan/resourceNames.ts);
 * the model reads the spec's layout with them, render checks bindings. Tested as given/want tables.
 */

import { memoized } from "./memoized.js";

/** Twilio's comparison suffixes in parameter names: `StartTime<` is "start time before". */
const COMPARISON_SUFFIXES: Record<string, string> = { "<": "Before", ">": "After" };

const SNAKE_CASE = /^[a-z0-9_]*$/;

export function words(name: string): string[] {
  // Most names are snake case (`date_created`): no capital or symbol for the rules below to read.
  if (SNAKE_CASE.test(name)) return name.split("_").filter((word) => word.length > 0);
  const spelled = name.replace(/[<>]/g, (symbol) => ` ${COMPARISON_SUFFIXES[symbol]} `);
  return spelled
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

export const camelCase = memoized((name: string): string => {
  const [first = "", ...rest] = words(name);
  const joined = first.toLowerCase() + rest.map(capitalize).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
});

export const pascalCase = memoized((name: string): string => {
  const joined = words(name).map(capitalize).join("");
  return /^[0-9]/.test(joined) ? `V${joined}` : joined;
});

export const snakeCase = memoized((name: string): string =>
  words(name)
    .map((word) => word.toLowerCase())
    .join("_"),
);

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

const UNCHANGED_PLURALS = /(data|media|knowledge|usage|series|news|status|address|analysis|settings|access|metadata)$/i;

/** Singular of the last word of an English name, the way Twilio's generator names classes. */
export function singular(name: string): string {
  if (UNCHANGED_PLURALS.test(name)) return name;
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/(ss|x|ch|sh|us)es$/, "$1"],
    [/(alias|status|address)es$/i, "$1"],
    [/([^su])s$/, "$1"],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(name)) return name.replace(pattern, replacement);
  }
  return name;
}

/** Words that cannot name a constant, class or type in a strict-mode module. */
const RESERVED_WORDS = new Set(
  (
    "arguments await break case catch class const continue debugger default delete do else enum eval export " +
    "extends false finally for function if implements import in instanceof interface let new null package " +
    "private protected public return static super switch this throw true try typeof var void while with yield " +
    "any bigint boolean never number object string symbol undefined unknown"
  ).split(" "),
);

/** Whether `name` can name a class, a constant or a type. */
export function isBindingName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED_WORDS.has(name);
}

/** The first candidate not taken, else `base`, `base2`, `base3`, ... */
export function firstFree(candidates: readonly string[], base: string, taken: ReadonlySet<string>): string {
  const free = candidates.find((candidate) => !taken.has(candidate));
  if (free !== undefined) return free;
  let name = base;
  for (let index = 2; taken.has(name); index++) name = `${base}${index}`;
  return name;
}

/** Plural of the last English word of a snake_case name: `new_key` → `new_keys`, `policy` → `policies`. */
export function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}
