/**
 * Naming rules from spec names to TypeScript names. Pure functions, tested as given/want tables.
 */

/** Twilio's comparison suffixes in parameter names: `StartTime<` is "start time before". */
const COMPARISON_SUFFIXES: Record<string, string> = { "<": "Before", ">": "After" };

export function words(name: string): string[] {
  const spelled = name.replace(/[<>]/g, (symbol) => ` ${COMPARISON_SUFFIXES[symbol]} `);
  return spelled
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function camelCase(name: string): string {
  const [first = "", ...rest] = words(name);
  const joined = first.toLowerCase() + rest.map(capitalize).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function pascalCase(name: string): string {
  const joined = words(name).map(capitalize).join("");
  return /^[0-9]/.test(joined) ? `V${joined}` : joined;
}

export function snakeCase(name: string): string {
  return words(name)
    .map((word) => word.toLowerCase())
    .join("_");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The property of a version on its domain: `v1`, `2010-04-01` → `v2010`, `HostedNumbers` → `hostedNumbers`. */
export function versionProperty(version: string): string {
  const date = /^(\d{4})-\d{2}-\d{2}$/.exec(version);
  if (date) return `v${date[1]}`;
  return camelCase(version);
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
