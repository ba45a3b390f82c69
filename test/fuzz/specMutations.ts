import fc from "fast-check";
import { parse, stringify } from "yaml";

/**
 * Mutations of real specs, as a careless editor or an attacker would make them: keys dropped,
 * renamed and retyped, paths duplicated, hostile names injected, files cut short, alias games,
 * values nested thousands of levels deep, schemas made of themselves, a second file of one name.
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
  | { kind: "aliasValue"; at: number; anchor: boolean }
  | { kind: "aliasAmplify"; entries: number; copies: number }
  | { kind: "deepNest"; at: number; depth: number; under: string; block: boolean }
  | { kind: "schemaCycle"; at: number; steps: CycleStep[] }
  | { kind: "sameName"; seed: number; as: "json" | "yml" | "upper" };

/** How one schema of a cycle refers to the next: composition alone has no type, the others do. */
export type CycleStep = "allOf" | "anyOf" | "oneOf" | "$ref" | "items" | "properties";

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
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("aliasAmplify" as const),
      entries: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 12_000 })),
      copies: fc.integer({ min: 1, max: 120 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("deepNest" as const),
      at: position,
      depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 6_000 })),
      under: fc.constantFrom("example", "default", "x-fuzz", "examples"),
      block: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("schemaCycle" as const),
      at: position,
      steps: fc.array(fc.constantFrom<CycleStep>("allOf", "anyOf", "oneOf", "$ref", "items", "properties"), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("sameName" as const),
      seed: position,
      as: fc.constantFrom("json", "yml", "upper"),
    }),
  },
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

/** A spec file of a case: its name and its text. */
export interface SpecFile {
  name: string;
  text: string;
}

/** The spec file a case describes, and the second file of the same name a `sameName` edit adds. */
export function mutatedSpec(seeds: readonly SpecSeed[], fuzz: FuzzCase): SpecFile & { sameName?: SpecFile } {
  const seed = seeds[fuzz.seed]!;
  let data: unknown = parse(seed.text);
  let text: string | undefined;
  // Deep values are written into the text last, where the YAML library (recursive) never reads them.
  const deep: Extract<Edit, { kind: "deepNest" }>[] = [];
  for (const change of fuzz.edits) {
    if (change.kind === "sameName") continue;
    if (text !== undefined) {
      text = editText(text, change);
      continue;
    }
    if (isTextEdit(change)) text = editText(stringify(data, { aliasDuplicateObjects: false }), change);
    else data = editData(data, change, deep);
  }
  const name = fuzz.fileName || seed.name;
  const spec = { name, text: deepValues(text ?? stringify(data, { aliasDuplicateObjects: false }), deep) };
  const same = fuzz.edits.find((change) => change.kind === "sameName");
  return same ? { ...spec, sameName: sameNameFile(spec.name, seeds[same.seed % seeds.length]!, same.as) } : spec;
}

function isTextEdit(change: Edit): boolean {
  return ["truncate", "duplicateLine", "aliasBomb", "aliasValue", "aliasAmplify"].includes(change.kind);
}

/**
 * A second file whose name differs only in extension or case, holding a seed spec: most often
 * another service, whose schemas module would be written over the first one's.
 */
function sameNameFile(name: string, seed: SpecSeed, as: "json" | "yml" | "upper"): SpecFile {
  const stem = name.replace(/\.(ya?ml|json)$/, "");
  if (as === "json") return { name: `${stem}.json`, text: JSON.stringify(parse(seed.text), null, 2) };
  return { name: as === "yml" ? `${stem}.yml` : `${stem.toUpperCase()}.yaml`, text: seed.text };
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

function editData(data: unknown, change: Edit, deep: Extract<Edit, { kind: "deepNest" }>[]): unknown {
  if (change.kind === "duplicatePath") return duplicatePath(data, change.at, change.to);
  if (change.kind === "schemaCycle") return schemaCycle(data, change.at, change.steps);
  if (change.kind === "deepNest") return markDeepValue(data, change, deep);
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
    case "aliasAmplify":
      return aliasAmplification(change.entries, change.copies) + text;
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

/** Marks where a deep value goes, under `change.under` of one mapping of the document (deepValues writes it). */
function markDeepValue(
  data: unknown,
  change: Extract<Edit, { kind: "deepNest" }>,
  deep: Extract<Edit, { kind: "deepNest" }>[],
): unknown {
  const mappings = places(data).filter((path) => {
    const value = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  });
  const path = mappings[change.at % mappings.length];
  if (path === undefined) return data;
  const mapping = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
  Object.defineProperty(mapping, change.under, {
    value: deepMark(deep.length),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  deep.push(change);
  return data;
}

function deepMark(index: number): string {
  return `fuzz-deep-value-${index}`;
}

/** The marked values written as `depth` nested sequences: `[[[...]]]`, or `- - - leaf` on lines of their own. */
function deepValues(text: string, deep: readonly Extract<Edit, { kind: "deepNest" }>[]): string {
  return deep.reduce((written, change, index) => {
    const mark = new RegExp(`^(.*?)(\\S+:) ${deepMark(index)}$`, "m");
    return written.replace(mark, (_line, before: string, key: string) => {
      if (!change.block) return `${before}${key} ${"[".repeat(change.depth)}${"]".repeat(change.depth)}`;
      // Below the key, deeper than it: past the line's indentation and any `- ` that opens it.
      const indentation = /^ *(- )?/.exec(before)![0].length;
      return `${before}${key}\n${" ".repeat(indentation + 2)}${"- ".repeat(change.depth)}leaf`;
    });
  }, text);
}

/**
 * Component schemas `fuzz.cycle.0`, `fuzz.cycle.1`, ... each referring to the next (the last to the
 * first) through its step, and a property of an existing schema that refers to the first.
 */
function schemaCycle(data: unknown, at: number, steps: readonly CycleStep[]): unknown {
  if (typeof data !== "object" || data === null) return data;
  const document = data as { components?: { schemas?: Record<string, unknown> } };
  if (typeof document.components !== "object" || document.components === null) document.components = {};
  const components = document.components;
  if (typeof components.schemas !== "object" || components.schemas === null) components.schemas = {};
  const schemas = components.schemas;
  const ref = (index: number) => ({ $ref: `#/components/schemas/fuzz.cycle.${index % steps.length}` });
  const users = Object.values(schemas).filter(
    (schema): schema is { properties: Record<string, unknown> } =>
      typeof (schema as { properties?: unknown })?.properties === "object",
  );
  steps.forEach((step, index) => {
    const next = ref(index + 1);
    schemas[`fuzz.cycle.${index}`] =
      step === "$ref"
        ? next
        : step === "items"
          ? { type: "array", items: next }
          : step === "properties"
            ? { type: "object", properties: { next } }
            : { [step]: [next, { type: "string" }] };
  });
  if (users.length > 0) users[at % users.length]!.properties.fuzz_cycle = ref(0);
  return data;
}

/** A large anchor, and aliases that each copy all of it: few aliases, many copied nodes. */
function aliasAmplification(entries: number, copies: number): string {
  const anchor = `x-amplified: &amplified [${Array(entries).fill("n").join(", ")}]`;
  return `${anchor}\nx-copies: [${Array(copies).fill("*amplified").join(", ")}]\n`;
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
