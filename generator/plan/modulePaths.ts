import { dirname, posix, relative } from "node:path";
import { compareText } from "../util/ordering.js";
import type { ImportedName } from "./views.js";

/** Import specifier from one generated file to another: `../../runtime/index.js`. */
export function importPath(fromFile: string, toFile: string): string {
  const path = relative(dirname(fromFile), toFile).split("\\").join("/").replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}

export const RUNTIME_INDEX = "runtime/index.ts";
/** What the package entries re-export of the runtime: its public API, not its internals. */
export const RUNTIME_PUBLIC = "runtime/public.ts";

/** The SDK's host labels, shared by the root client and every service client. */
export const HOSTS_MODULE = "hosts.ts";

export function schemasFile(specName: string): string {
  return posix.join("schemas", `${specName}.ts`);
}

/** The names one import brings in, in the order of their names. */
export function importedNames(names: readonly ImportedName[]): ImportedName[] {
  return [...names].sort((a, b) => compareText(a.name, b.name));
}

/** A name imported as a value (a class, a function), under its own name. */
export function valueName(name: string): ImportedName {
  return { name, alias: undefined, typeOnly: false };
}

/** A name imported as a type only: `type Operation`. */
export function typeName(name: string): ImportedName {
  return { name, alias: undefined, typeOnly: true };
}
