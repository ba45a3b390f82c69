/**
 * The generator compiled as its build is: the modules of its helper threads exist only there. It
 * is compiled into a folder inside the project, where the compiled copy's imports resolve.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compileGenerator } from "../../generator/compile.mjs";

export interface CompiledGenerator {
  folder: string;
  /** A module of the compiled copy, by its path there (`render/renderHelper.js`). */
  load<Module>(module: string): Promise<Module>;
  /** Removes every copy compiled under this name. */
  remove(): void;
}

/** Compiles the generator under `node_modules/.cache/<name>`. */
export async function compiledGenerator(name: string): Promise<CompiledGenerator> {
  const builds = resolve("node_modules/.cache", name);
  mkdirSync(builds, { recursive: true });
  const folder = mkdtempSync(join(builds, "build-"));
  await compileGenerator(folder);
  return {
    folder,
    load: (module) => import(pathToFileURL(join(folder, module)).href),
    remove: () => rmSync(builds, { recursive: true, force: true }),
  };
}
