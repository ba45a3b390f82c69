import type { Operation } from "./operation.js";

/**
 * twilio-node's trailing callback (`create(options, callback)`), typed as no argument: a JavaScript
 * caller's callback lands here and is refused (see checkOptions), since the method returns a Promise.
 */
export type NoCallback = [];

/** Options every operation takes besides its parameters. */
const COMMON_OPTIONS = ["signal"];

/** Longer keys get no edit-distance suggestion: no option is that long, and the work stays bounded. */
const MAX_SUGGESTED_LENGTH = 64;

/** The option keys each operation accepts, built once per operation on its first call. */
const knownOptions = new WeakMap<Operation, ReadonlySet<string>>();

function knownOptionsOf(operation: Operation): ReadonlySet<string> {
  let known = knownOptions.get(operation);
  if (known === undefined) {
    known = new Set([
      ...COMMON_OPTIONS,
      ...Object.keys(operation.query ?? {}),
      ...Object.keys(operation.headers ?? {}),
      ...Object.keys(operation.form ?? {}),
      ...Object.values(operation.pathOptions ?? {}),
      ...(operation.json === undefined ? [] : ["body"]),
      // Read by list()/each() and requestPage, not sent as they are: `pageNumber` is sent as `Page`.
      ...(operation.pagination === undefined ? [] : ["limit"]),
      ...(Object.values(operation.query ?? {}).includes("Page") ? ["pageNumber"] : []),
    ]);
    knownOptions.set(operation, known);
  }
  return known;
}

/**
 * Refuses, before anything is sent, what JavaScript lets through and would otherwise be dropped
 * in silence: a callback (where the options go or after them), options that are no plain object,
 * and an option key the operation does not have (a typo would send the request without it).
 */
export function checkOptions(operation: Operation, options: unknown, extra: readonly unknown[] = []): void {
  // Runs on every request: messages are built only when one is thrown.
  const where = () => `${operation.method} ${operation.path}`;
  if (typeof options === "function" || extra.some((value) => typeof value === "function")) {
    throw callbackError(where());
  }
  if (extra.length > 0) throw new TypeError(`${where()}: takes one options object, got ${extra.length + 1} arguments`);
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${where()}: options must be an object, got ${describeValue(options)}. Nothing was sent`);
  }
  const known = knownOptionsOf(operation);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw unknownOptionError(operation, where(), key, known, options);
  }
}

/** The error for a twilio-node callback; `where` names the call, `returns` what it gives instead. */
export function callbackError(where: string, returns = "returns a Promise"): TypeError {
  return new TypeError(
    `${where}: got a function where the options go, as twilio-node's callbacks do. This SDK takes no ` +
      `callbacks: the method ${returns}; write \`const result = await ...\` or use .then(). Nothing was sent`,
  );
}

function unknownOptionError(
  operation: Operation,
  where: string,
  key: string,
  known: ReadonlySet<string>,
  options: object,
): TypeError {
  const nearest = nearestKey(key, [...known]);
  const hint = nearest === undefined ? "." : `; did you mean "${nearest}"?`;
  // twilio-node takes a JSON body as the options themselves; here it goes in `body`.
  const body =
    operation.json !== undefined && !Object.hasOwn(options, "body")
      ? " This operation sends a JSON body: pass it as `body` (`{ body: { ... } }`), not as the options themselves."
      : "";
  return new TypeError(
    `${where}: unknown option ${JSON.stringify(key.slice(0, 100))}${hint} The options are: ` +
      `${[...known].join(", ")}.${body} Nothing was sent`,
  );
}

/**
 * The valid key `key` most likely meant: one equal to it but for case, else the one within a
 * small edit distance (a third of the key's length, at least 1), closest first.
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameButCase !== undefined || key.length > MAX_SUGGESTED_LENGTH) return sameButCase;
  const allowed = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance, or `cap` once it is sure to reach it (keys are short; this bounds long ones). */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    if (Math.min(...current) >= cap) return cap;
    previous = current;
  }
  return Math.min(previous[b.length]!, cap);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}
