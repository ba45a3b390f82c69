// @ts-check
// The bin's launcher in a checkout (every npm script runs the bin): runs the generator from a JavaScript
// copy of generator/, compiled with esbuild on first use and again whenever a source or template changes. Compiling
// TypeScript on the fly (tsx) costs about half a second at every start, which is most of an unchanged
// run. Not packed: the installed bin runs dist/generator/, which prepack compiles.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileGenerator, generatorSources, SOURCES, templateSources } from "./compile.mjs";

const BUILDS = fileURLToPath(new URL("../node_modules/.cache/twilio-etag-sdk-generator", import.meta.url));
/** Older builds are removed once nothing can still be running from them. */
const BUILD_LIFETIME_MS = 10 * 60 * 1000;

async function compiledCli() {
  const hash = createHash("sha256");
  for (const file of [...generatorSources(), ...templateSources()]) {
    hash.update(relative(SOURCES, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  const build = join(BUILDS, `build-${hash.digest("hex").slice(0, 16)}`);
  if (!existsSync(join(build, "main.js"))) {
    // Built beside the final folder and renamed into place, so a concurrent run never sees half a build.
    const staging = `${build}.tmp-${process.pid}`;
    await compileGenerator(staging);
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
  return join(build, "main.js");
}

await import(pathToFileURL(await compiledCli()).href);
