// `npm run generate`: runs the CLI from a JavaScript copy of generator/, compiled with esbuild on
// first use and again whenever a source changes. Compiling TypeScript on the fly (tsx) costs about
// half a second at every start, which is most of an unchanged run.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SOURCES = fileURLToPath(new URL(".", import.meta.url));
const BUILDS = fileURLToPath(new URL("../node_modules/.cache/twilio-etag-sdk-generator", import.meta.url));
/** Older builds are removed once nothing can still be running from them. */
const BUILD_LIFETIME_MS = 10 * 60 * 1000;

function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]));
}

async function compiledCli() {
  const files = listFiles(SOURCES).filter((file) => /\.(ts|mjs)$/.test(file));
  const hash = createHash("sha256");
  for (const file of files) hash.update(relative(SOURCES, file)).update("\0").update(readFileSync(file)).update("\0");
  const build = join(BUILDS, `build-${hash.digest("hex").slice(0, 16)}`);
  if (!existsSync(join(build, "cli.js"))) {
    // Built beside the final folder and renamed into place, so a concurrent run never sees half a build.
    const staging = `${build}.tmp-${process.pid}`;
    mkdirSync(staging, { recursive: true });
    const { buildSync } = await import("esbuild");
    const entryPoints = files.filter((file) => file.endsWith(".ts"));
    buildSync({ entryPoints, outdir: staging, outbase: SOURCES, format: "esm", platform: "node", target: "node20" });
    for (const file of files.filter((name) => name.endsWith(".mjs") && name !== fileURLToPath(import.meta.url))) {
      cpSync(file, join(staging, relative(SOURCES, file)));
    }
    try {
      renameSync(staging, build);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another run finished the same build first
    }
  }
  for (const name of readdirSync(BUILDS)) {
    const folder = join(BUILDS, name);
    if (folder !== build && Date.now() - statSync(folder).mtimeMs > BUILD_LIFETIME_MS) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return join(build, "cli.js");
}

await import(pathToFileURL(await compiledCli()).href);
