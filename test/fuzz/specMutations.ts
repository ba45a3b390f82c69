import fc from "fast-check";
import { parse, stringify } from "yaml";

/**
 * Mutations of real specs, as a careless editor or an attacker would make them: keys dropped,
 * renamed and retyped, paths duplicated, hostile names injected, files cut short, alias games.
 * A case is plain data (which spec, which edits), so fast-check can shrink it and print it.
 */
export interface SpecSeed {
  /** The spec's file name, `twilio_<domain>_<version>.yaml`. */
  name: string;
  text: string;
}

export type Edit =
  | { kind: "drop"; at: number }
  | { kind: "rename"; at: number; to: string }
  | { kind: "retype"; at: number; to: unknown }
  | { kind: "duplicatePath"; at: number; to: string }
  | { kind: "truncate"; fraction: number }
  | { kind: "duplicateLine"; fraction: number }
  | { kind: "aliasBomb"; depth: number; width: number }
  | { kind: "aliasValue"; at: number; anchor: boolean };

export interface FuzzCase {
  seed: number;
  fileName: string;
  edits: Edit[];
}

/** Names that break generated code when they are not escaped, renamed or refused. */
export const HOSTILE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toJSON",
  "etag",
  "headers",
  "mutate",
  "then",
  "context",
  "date_created",
  "dateCreated",
  "*/ globalThis.FUZZ_PWNED = 1; /*",
  '"+(globalThis.FUZZ_PWNED=1)+"',
  "${(globalThis.FUZZ_PWNED = 1)}",
  "`",
  "\\",
  "a\nb",
  "\u2028",
  "",
  " ",
  "0abc",
  "class",
  "default",
  "💥",
  "../../outside",
  "Sid",
  "{Sid}",
  "If-Match",
  "PageSize",
  "a'b",
];

const HOSTILE_FILE_NAMES = [
  'twilio_a"+(globalThis.FUZZ_PWNED=1)+"_v1.yaml',
  "twilio_constructor_v1.yaml",
  "twilio___proto___v1.yaml",
  "twilio_x_v1.json.yaml",
  "twilio_💥_v1.yaml",
  "twilio_a b_v1.yaml",
  "twilio_runtime_v1.yaml",
  "twilio_index_v1.yaml",
  "twilio_.._v1.yaml",
];

const VALUES: unknown[] = [null, 0, -1, 1.5, 2 ** 53, true, "", "text", [], {}, [1, "a"], { a: { b: null } }];

const position = fc.nat({ max: 1_000_000 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const hostile = fc.constantFrom(...HOSTILE_NAMES);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: position }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("rename" as const), at: position, to: hostile }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("retype" as const),
      at: position,
      to: fc.oneof(fc.constantFrom(...VALUES), hostile),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("duplicatePath" as const),
      at: position,
      to: fc.constantFrom("lower", "upper", "versionless", "trailing-json", "same-line"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicateLine" as const), fraction }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("aliasBomb" as const),
      depth: fc.integer({ min: 2, max: 12 }),
      width: fc.integer({ min: 2, max: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("aliasValue" as const), at: position, anchor: fc.boolean() }) },
);

/** A case over `seeds`: one seed spec, sometimes a hostile file name, one to four edits. */
export function fuzzCase(seeds: readonly SpecSeed[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    fileName: fc.oneof(
      { weight: 6, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_FILE_NAMES) },
    ),
    edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
  });
}

/** The spec file a case describes: its name and its text. */
export function mutatedSpec(seeds: readonly SpecSeed[], fuzz: FuzzCase): { name: string; text: string } {
  const seed = seeds[fuzz.seed]!;
  let data: unknown = parse(seed.text);
  let text: string | undefined;
  for (const change of fuzz.edits) {
    if (text !== undefined) {
      text = editText(text, change);
      continue;
    }
    if (isTextEdit(change)) text = editText(stringify(data, { aliasDuplicateObjects: false }), change);
    else data = editData(data, change);
  }
  return { name: fuzz.fileName || seed.name, text: text ?? stringify(data, { aliasDuplicateObjects: false }) };
}

function isTextEdit(change: Edit): boolean {
  return ["truncate", "duplicateLine", "aliasBomb", "aliasValue"].includes(change.kind);
}

type Path = (string | number)[];

/** Every place in the document, mappings' keys included, in document order. */
function places(data: unknown, at: Path = [], into: Path[] = []): Path[] {
  into.push(at);
  if (Array.isArray(data)) data.forEach((item, index) => places(item, [...at, index], into));
  else if (data !== null && typeof data === "object")
    for (const key of Object.keys(data)) places((data as Record<string, unknown>)[key], [...at, key], into);
  return into;
}

function editData(data: unknown, change: Edit): unknown {
  if (change.kind === "duplicatePath") return duplicatePath(data, change.at, change.to);
  const all = places(data).slice(1);
  if (all.length === 0) return data;
  const path = all[("at" in change ? change.at : 0) % all.length]!;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (change.kind === "drop") parent.splice(key as number, 1);
    else if (change.kind === "retype") parent[key as number] = change.to;
    else if (change.kind === "rename") parent[key as number] = change.to;
    return data;
  }
  const record = parent as Record<string, unknown>;
  if (change.kind === "drop") delete record[key];
  else if (change.kind === "retype") record[key] = change.to;
  else if (change.kind === "rename") renameKey(record, key as string, change.to);
  return data;
}

/** Renames in place, keeping the key's position (`__proto__` as an own key, not the prototype). */
function renameKey(record: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(record).map(([key, value]) => [key === from ? to : key, value] as const);
  for (const key of Object.keys(record)) delete record[key];
  for (const [key, value] of entries)
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function duplicatePath(data: unknown, at: number, how: string): unknown {
  const paths = (data as { paths?: Record<string, unknown> } | null)?.paths;
  if (!paths || typeof paths !== "object") return data;
  const keys = Object.keys(paths);
  if (keys.length === 0) return data;
  const original = keys[at % keys.length]!;
  const copy = structuredClone(paths[original]);
  const variants: Record<string, string> = {
    lower: original.toLowerCase(),
    upper: original.toUpperCase(),
    versionless: original.replace(/^\/[^/]+/, "") || "/",
    "trailing-json": `${original}.json`,
    "same-line": original,
  };
  paths[variants[how] === original ? `${original}/` : variants[how]!] = copy;
  return data;
}

function editText(text: string, change: Edit): string {
  const lines = text.split("\n");
  switch (change.kind) {
    case "truncate":
      return text.slice(0, Math.floor(text.length * (change as { fraction: number }).fraction));
    case "duplicateLine": {
      const index = Math.floor(lines.length * change.fraction) % Math.max(lines.length, 1);
      lines.splice(index, 0, lines[index] ?? "");
      return lines.join("\n");
    }
    case "aliasBomb":
      return aliasBomb(change.depth, change.width) + text;
    case "aliasValue": {
      // An anchor on one scalar line and an alias (to it, or to nothing) on another.
      const scalars = lines
        .map((line, index) => [line, index] as const)
        .filter(([line]) => /^\s*[\w-]+: \S/.test(line));
      if (scalars.length === 0) return text;
      const [line, index] = scalars[change.at % scalars.length]!;
      lines[index] = change.anchor ? line.replace(/: /, ": &fuzz ") : line.replace(/: .*/, ": *fuzz");
      return lines.join("\n");
    }
    default:
      return text;
  }
}

/** A billion-laughs document in a top-level key the spec does not otherwise use. */
function aliasBomb(depth: number, width: number): string {
  const lines = ["x-bomb:", `  l0: &l0 [${Array(width).fill('"lol"').join(", ")}]`];
  for (let level = 1; level < depth; level++) {
    lines.push(
      `  l${level}: &l${level} [${Array(width)
        .fill(`*l${level - 1}`)
        .join(", ")}]`,
    );
  }
  return lines.join("\n") + "\n";
}
