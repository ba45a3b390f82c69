import { compareText } from "../util/ordering.js";
import { sdkChange, type SdkChange, type SdkDiffReport } from "./sdkChanges.js";
import type { ClassSurface, InterfaceSurface, MethodSurface, SdkSurface, TypeSurface } from "./sdkSurface.js";

/** Compares two SDK surfaces; changes come sorted by subject, then kind, so the report is stable. */
export function compareSdk(before: SdkSurface, after: SdkSurface): SdkDiffReport {
  const classes = pairKeys(before.classes, after.classes);
  const interfaces = pairKeys(before.interfaces, after.interfaces);
  const classRenames = findRenames(classes.removed, classes.added, before.classes, after.classes);
  const typeRenames = findRenames(interfaces.removed, interfaces.added, before.interfaces, after.interfaces);
  const asRenamed = renamer([...classRenames, ...typeRenames]);
  const changes = [
    ...compareEntryPoints(before.entryPoints, after.entryPoints),
    ...compareClasses(before.classes, after.classes, classRenames, asRenamed),
    ...compareInterfaces(before.interfaces, after.interfaces, typeRenames, asRenamed),
  ].sort((a, b) => compareText(a.subject, b.subject) || compareText(a.kind, b.kind));
  const breaking = changes.filter((change) => change.severity === "breaking").length;
  return { breaking, additive: changes.length - breaking, changes };
}

/** Keys only in `before`, only in `after`, and in both, each sorted. */
function pairKeys<T>(before: Record<string, T>, after: Record<string, T>) {
  const sorted = (keys: string[]) => keys.sort(compareText);
  return {
    removed: sorted(Object.keys(before).filter((key) => !(key in after))),
    added: sorted(Object.keys(after).filter((key) => !(key in before))),
    kept: sorted(Object.keys(before).filter((key) => key in after)),
  };
}

function compareEntryPoints(before: SdkSurface["entryPoints"], after: SdkSurface["entryPoints"]): SdkChange[] {
  const { removed, added, kept } = pairKeys(before, after);
  const changes = [
    ...removed.map((entry) => sdkChange("entry-point-removed", entry)),
    ...added.map((entry) => sdkChange("entry-point-added", entry)),
  ];
  for (const entry of kept) {
    const names = pairKeys(asSet(before[entry]!), asSet(after[entry]!));
    changes.push(...names.removed.map((name) => sdkChange("export-removed", `${entry} ${name}`)));
    changes.push(...names.added.map((name) => sdkChange("export-added", `${entry} ${name}`)));
  }
  return changes;
}

function asSet(names: string[]): Record<string, true> {
  return Object.fromEntries(names.map((name) => [name, true]));
}

/** Reads an old declaration's types with renamed classes and types under their new names. */
type Renamer = <T>(surface: T) => T;

function renamer(renames: [string, string][]): Renamer {
  const names = new Map(renames.map(([from, to]) => [nameOf(from), nameOf(to)]));
  if (names.size === 0) return (surface) => surface;
  const pattern = new RegExp(`\\b(${[...names.keys()].map((name) => name.replace(/\$/g, "\\$")).join("|")})\\b`, "g");
  return (surface) => JSON.parse(JSON.stringify(surface).replace(pattern, (name) => names.get(name)!));
}

function compareClasses(
  before: SdkSurface["classes"],
  after: SdkSurface["classes"],
  renames: Map<string, string>,
  asRenamed: Renamer,
): SdkChange[] {
  const { removed, added, kept } = pairKeys(before, after);
  const changes: SdkChange[] = [];
  for (const key of removed) {
    const twin = renames.get(key);
    if (twin) changes.push(sdkChange("class-renamed", key, `now \`${twin}\``));
    else {
      changes.push(sdkChange("class-removed", key));
      if (before[key]!.methods.mutate) changes.push(sdkChange("mutate-lost", `${key}.mutate()`));
    }
  }
  const renamed = new Set(renames.values());
  for (const key of added.filter((other) => !renamed.has(other))) changes.push(sdkChange("class-added", key));
  for (const key of kept) changes.push(...compareClass(key, asRenamed(before[key]!), after[key]!));
  return changes;
}

/**
 * Removed declarations that reappear under another name with the same members, once the old
 * name's stem in their types is read as the new one (`NoteList` → `MemoList`: `Promise<NoteInstance>`
 * reads as `Promise<MemoInstance>`): renamed, not replaced.
 */
function findRenames<T>(
  removed: string[],
  added: string[],
  before: Record<string, T>,
  after: Record<string, T>,
): Map<string, string> {
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of removed) {
    // Of the candidates with the same members, the one whose name keeps most of the old one's ending.
    const twin = added
      .filter((other) => !taken.has(other) && sameMembers(before[key], nameOf(key), after[other], nameOf(other)))
      .sort((a, b) => stems(nameOf(key), nameOf(a))[0].length - stems(nameOf(key), nameOf(b))[0].length)[0];
    if (twin) {
      renames.set(key, twin);
      taken.add(twin);
    }
  }
  return renames;
}

function nameOf(key: string): string {
  return key.slice(key.indexOf("#") + 1);
}

function sameMembers(before: unknown, oldName: string, after: unknown, newName: string): boolean {
  const [from, to] = stems(oldName, newName);
  const pattern = new RegExp(`\\b${from.replace(/\$/g, "\\$")}(?=[A-Z_]|\\b)`, "g");
  return JSON.stringify(before).replace(pattern, to) === JSON.stringify(after);
}

/**
 * The names without their common ending, cut at a word start: `NoteUpdateOptions`,
 * `MemoUpdateOptions` → `Note`, `Memo` (not `Not`, `Mem`).
 */
function stems(a: string, b: string): [string, string] {
  let common = 0;
  while (common < Math.min(a.length, b.length) && a[a.length - 1 - common] === b[b.length - 1 - common]) common++;
  while (common > 0 && !/[A-Z_]/.test(a[a.length - common]!)) common--;
  return [a.slice(0, a.length - common), b.slice(0, b.length - common)];
}

function compareClass(key: string, before: ClassSurface, after: ClassSurface): SdkChange[] {
  const changes: SdkChange[] = [];
  const methods = pairKeys(before.methods, after.methods);
  for (const name of methods.removed) {
    changes.push(sdkChange(name === "mutate" ? "mutate-lost" : "method-removed", `${key}.${name}()`));
  }
  for (const name of methods.added) {
    changes.push(sdkChange(name === "mutate" ? "mutate-gained" : "method-added", `${key}.${name}()`));
  }
  for (const name of methods.kept) {
    changes.push(...compareMethod(`${key}.${name}()`, before.methods[name]!, after.methods[name]!));
  }
  const fields = pairKeys(before.fields, after.fields);
  changes.push(...fields.removed.map((name) => sdkChange("field-removed", `${key}.${name}`)));
  changes.push(...fields.added.map((name) => sdkChange("field-added", `${key}.${name}`)));
  for (const name of fields.kept) {
    const change = typeChange(before.fields[name]!, after.fields[name]!);
    if (change === "same") continue;
    const kind = change === "narrowed" ? "field-type-narrowed" : "field-type-changed";
    changes.push(sdkChange(kind, `${key}.${name}`, typeDetail(before.fields[name]!, after.fields[name]!)));
  }
  return changes;
}

function compareMethod(subject: string, before: MethodSurface, after: MethodSurface): SdkChange[] {
  const changes: SdkChange[] = [];
  const shown = (method: MethodSurface) =>
    `(${method.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type.text}`).join(", ")})`;
  const kept = before.parameters.every((parameter, index) => {
    const next = after.parameters[index];
    return next !== undefined && next.optional === parameter.optional && next.type.text === parameter.type.text;
  });
  const extra = after.parameters.slice(before.parameters.length);
  if (!kept || extra.some((parameter) => !parameter.optional)) {
    changes.push(sdkChange("method-parameters-changed", subject, `${shown(before)} → ${shown(after)}`));
  } else if (extra.length > 0) {
    changes.push(sdkChange("method-parameter-added", subject, `${shown(before)} → ${shown(after)}`));
  }
  const returns = typeChange(before.returns, after.returns);
  if (returns !== "same") {
    const kind = returns === "narrowed" ? "method-return-narrowed" : "method-return-changed";
    changes.push(sdkChange(kind, subject, typeDetail(before.returns, after.returns)));
  }
  return changes;
}

function compareInterfaces(
  before: SdkSurface["interfaces"],
  after: SdkSurface["interfaces"],
  renames: Map<string, string>,
  asRenamed: Renamer,
): SdkChange[] {
  const { removed, added, kept } = pairKeys(before, after);
  const renamed = new Set(renames.values());
  // Option types that come or go are seen through their classes' methods; what is reported here
  // is renames, their properties, and `ifMatch` above all.
  const changes = [...renames].map(([key, twin]) => sdkChange("type-renamed", key, `now \`${twin}\``));
  for (const key of removed.filter((other) => !renames.has(other) && before[other]!.properties.ifMatch))
    changes.push(sdkChange("if-match-lost", `${key}.ifMatch`));
  for (const key of added.filter((other) => !renamed.has(other) && after[other]!.properties.ifMatch))
    changes.push(sdkChange("if-match-gained", `${key}.ifMatch`));
  for (const key of kept) changes.push(...compareOptions(key, asRenamed(before[key]!), after[key]!));
  return changes;
}

function compareOptions(key: string, before: InterfaceSurface, after: InterfaceSurface): SdkChange[] {
  const changes: SdkChange[] = [];
  const { removed, added, kept } = pairKeys(before.properties, after.properties);
  for (const name of removed) {
    changes.push(sdkChange(name === "ifMatch" ? "if-match-lost" : "option-removed", `${key}.${name}`));
  }
  for (const name of added) {
    const required = !after.properties[name]!.optional;
    const kind = name === "ifMatch" ? "if-match-gained" : required ? "option-added-required" : "option-added";
    changes.push(sdkChange(kind, `${key}.${name}`));
  }
  for (const name of kept) {
    const [old, next] = [before.properties[name]!, after.properties[name]!];
    const subject = `${key}.${name}`;
    if (old.optional && !next.optional) changes.push(sdkChange("option-now-required", subject));
    if (!old.optional && next.optional) changes.push(sdkChange("option-now-optional", subject));
    const change = typeChange(old.type, next.type);
    if (change === "same") continue;
    const kind = {
      widened: "option-type-widened",
      narrowed: "option-type-narrowed",
      changed: "option-type-changed",
    } as const;
    changes.push(sdkChange(kind[change], subject, typeDetail(old.type, next.type)));
  }
  return changes;
}

/**
 * How a type changed, by the members of its union (or of its array's element union): the new one
 * accepts more (widened), fewer (narrowed), or other values (changed).
 */
export function typeChange(before: TypeSurface, after: TypeSurface): "same" | "widened" | "narrowed" | "changed" {
  if (before.text === after.text) return "same";
  const members = (type: TypeSurface, other: TypeSurface) =>
    type.elements && other.elements ? type.elements : (type.union ?? [type.text]);
  const [old, next] = [new Set(members(before, after)), new Set(members(after, before))];
  if ((before.elements === undefined) !== (after.elements === undefined)) return "changed";
  const within = (a: Set<string>, b: Set<string>) => [...a].every((member) => b.has(member));
  if (within(old, next)) return within(next, old) ? "same" : "widened";
  return within(next, old) ? "narrowed" : "changed";
}

function typeDetail(before: TypeSurface, after: TypeSurface): string {
  return `\`${before.text}\` → \`${after.text}\``;
}
