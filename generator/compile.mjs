// @ts-check
// Compiles generator/ to JavaScript with esbuild: the .ts sources one module per file, the worker
// .mjs files copied beside them, and templates/ precompiled by handlebars beside the renderer. The bin runs such a copy in a checkout (run.mjs, for every npm script);
// `npm pack` ships one in dist/generator/ (prepack), so that the installed generator runs on its
// dependencies alone. The one way the generator's TypeScript is run.
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SOURCES = fileURLToPath(new URL(".", import.meta.url));
/** The templates, which a compiled copy holds precompiled (render/templateSources.mjs). */
export const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));
/** The launchers: they start a compiled copy and are not part of it. */
const LAUNCHERS = new Set(["run.mjs", "compile.mjs"].map((name) => join(SOURCES, name)));

/**
 * Every file under `folder`, depth first, in name order.
 * @param {string} folder
 * @returns {string[]}
 */
export function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]));
}

/**
 * The files a compiled copy is made of, in a stable order.
 * @returns {string[]}
 */
export function generatorSources() {
  return listFiles(SOURCES).filter((file) => /\.(ts|mjs)$/.test(file));
}

/**
 * The templates the compiled copy precompiles: a change to one needs a new copy.
 * @returns {string[]}
 */
export function templateSources() {
  return listFiles(TEMPLATES).filter((file) => file.endsWith(".hbs"));
}

/** @param {string} outdir */
export async function compileGenerator(outdir) {
  mkdirSync(outdir, { recursive: true });
  const files = generatorSources();
  const { buildSync } = await import("esbuild");
  const entryPoints = files.filter((file) => file.endsWith(".ts"));
  buildSync({ entryPoints, outdir, outbase: SOURCES, format: "esm", platform: "node", target: "node20" });
  for (const file of files.filter((name) => name.endsWith(".mjs") && !LAUNCHERS.has(name))) {
    cpSync(file, join(outdir, relative(SOURCES, file)));
  }
  const { default: handlebars } = await import("handlebars");
  const { precompiledModule, PRECOMPILED_MODULE } = await import("./render/templateSources.mjs");
  writeFileSync(join(outdir, "render", PRECOMPILED_MODULE), precompiledModule(TEMPLATES, handlebars));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2];
  if (!outdir) {
    console.error("usage: node generator/compile.mjs OUTDIR");
    process.exit(2);
  }
  await compileGenerator(resolve(outdir));
}
