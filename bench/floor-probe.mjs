// @ts-check
// The floor of a cold run, in a fresh Node process: reads every spec of a folder and parses it
// (js-yaml, the quickest YAML reader the generator has, on one thread), then writes the bytes of an
// SDK generated before into an empty folder. Nothing is modelled, planned or rendered: no generator
// of the same output can do less.
//   node floor-probe.mjs <specs dir> <sdk dir> <out dir>
// The SDK's bytes are read into memory first; one JSON line says how long that took, for the bench
// to leave out.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const [specsDir, sdkDir, outDir] = process.argv.slice(2);
if (!specsDir || !sdkDir || !outDir) throw new Error("usage: node floor-probe.mjs <specs dir> <sdk dir> <out dir>");
const started = performance.now();
const files = readdirSync(sdkDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path: relative(sdkDir, path), bytes: readFileSync(path) };
  });
const excluded = performance.now() - started;

const { default: jsYaml } = await import("js-yaml");
for (const name of readdirSync(specsDir).filter((file) => /\.ya?ml$/.test(file))) {
  jsYaml.load(readFileSync(join(specsDir, name), "utf8"));
}
for (const { path, bytes } of files) {
  mkdirSync(dirname(join(outDir, path)), { recursive: true });
  writeFileSync(join(outDir, path), bytes);
}
console.log(JSON.stringify({ excludedSeconds: excluded / 1000, files: files.length }));
