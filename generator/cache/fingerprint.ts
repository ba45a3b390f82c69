import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compareText } from "../util/ordering.js";
import { contentHash } from "../util/contentHash.js";

/** Packages whose behaviour shapes the output: a new version must not reuse old cache entries. */
const TOOLS = ["yaml", "js-yaml", "handlebars", "prettier"];

/**
 * Identifies the generator that produced an output: its own sources, templates and runtime plus
 * the versions of the tools it runs. Any edit to one of them invalidates every cache entry.
 */
export function generatorFingerprint(root: string): string {
  const parts: string[] = [];
  for (const folder of ["generator", "templates", "runtime"]) {
    for (const file of listFiles(join(root, folder))) {
      parts.push(relative(root, file), readFileSync(file, "utf8"));
    }
  }
  for (const tool of TOOLS) {
    const manifest = JSON.parse(readFileSync(toolManifest(root, tool), "utf8"));
    parts.push(tool, String(manifest.version));
  }
  return contentHash(...parts);
}

/**
 * A tool's package.json: in the project's node_modules, or in a parent folder's when the generator
 * is itself an installed package whose dependencies npm placed beside it.
 */
function toolManifest(root: string, tool: string): string {
  for (let folder = root; ; folder = dirname(folder)) {
    const file = join(folder, "node_modules", tool, "package.json");
    if (existsSync(file)) return file;
    if (dirname(folder) === folder) throw new Error(`cannot find ${tool}, which the generator needs: run npm install`);
  }
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => compareText(a.name, b.name))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]));
}
