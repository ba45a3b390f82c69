import { posix } from "node:path";
import { compareText } from "../util/ordering.js";
import type { ImportedName } from "./views.js";

/**
 * Import specifier from one generated file to another: `../../runtime/index.js`. The plan's paths
 * are relative, `/`-separated and clean (no `.`, `..` or empty segments), so the way from one to
 * the other is found segment by segment, on every platform alike.
 */
export function importPath(fromFile: string, toFile: string): string {
  const from = fromFile.split("/");
  const to = toFile.split("/");
  const folders = from.length - 1;
  let shared = 0;
  while (shared < folders && shared < to.length && from[shared] === to[shared]) shared++;
  const path = [...Array<string>(folders - shared).fill(".."), ...to.slice(shared)].join("/").replace(/\.ts$/, ".js");
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
