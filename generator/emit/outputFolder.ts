import { existsSync, mkdirSync, realpathSync, rmdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, parse, resolve, sep } from "node:path";
import { GeneratorError } from "../util/diagnostics.js";

/**
 * Refuses an output folder whose use would put files that are not the SDK's at risk: a file, the
 * root folder, the home folder (or one holding it), a specs folder, one inside a specs folder, or
 * one holding the specs. Compared on real paths, so a link or `..` does not hide the folder.
 */
export function checkOutputFolder(out: string, specs: readonly string[]): void {
  const real = realPath(out);
  const refuse = (problem: string, fix: string) => new GeneratorError({ file: out }, problem, fix);
  const ownFolder = "pass a folder of the SDK's own to --out, e.g. --out sdk";
  if (existsSync(real) && !statSync(real).isDirectory())
    throw refuse("is a file, not a folder", `${ownFolder} (a new folder, or one a previous run wrote)`);
  if (real === parse(real).root) throw refuse("is the root folder", ownFolder);
  const home = realPath(homedir());
  if (holds(real, home)) throw refuse(real === home ? "is your home folder" : "holds your home folder", ownFolder);
  for (const spec of specs) {
    const realSpec = realPath(spec);
    if (real === realSpec) throw refuse(`is the specs folder ${spec}`, `${ownFolder}, beside the specs`);
    if (holds(real, realSpec))
      throw refuse(`holds the specs ${spec}: the SDK could replace them`, `${ownFolder}, beside the specs`);
    if (existsSync(realSpec) && statSync(realSpec).isDirectory() && holds(realSpec, real))
      throw refuse(`is inside the specs folder ${spec}`, `${ownFolder}, outside the specs folder`);
  }
}

/** Creates the output folder and its missing parents one by one; answers the folders it created. */
export function makeOutputFolder(out: string): string[] {
  const missing: string[] = [];
  for (let folder = resolve(out); !existsSync(folder) && dirname(folder) !== folder; folder = dirname(folder))
    missing.unshift(folder);
  const made: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      removeFolders(made);
      throw cannotWrite(out, folder, error);
    }
    made.push(folder);
  }
  return made;
}

/** Removes folders that `makeOutputFolder` created (now empty again), innermost first. */
export function removeFolders(made: readonly string[]): void {
  for (const folder of [...made].reverse()) rmdirSync(folder);
}

/** A failed write into the output folder, as an error the user can act on. */
export function cannotWrite(out: string, path: string, error: unknown): GeneratorError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new GeneratorError(
    { file: out },
    `cannot be written (${code} on ${path})`,
    "choose a folder you can write to for --out, or fix its permissions or free space",
  );
}

/** Whether `folder` is `path` or one of its parents. */
function holds(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The real path of `path`, which may not exist yet: its nearest existing parent resolved, the rest kept. */
function realPath(path: string): string {
  const rest: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...rest);
    } catch {
      if (dirname(current) === current) return resolve(path);
      rest.unshift(basename(current));
    }
  }
}
