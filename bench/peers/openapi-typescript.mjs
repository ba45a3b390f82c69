// Runs openapi-typescript on every spec of a folder in ONE process through its Node API
// (openapiTS + astToString), one .ts file per spec, so start-up is paid once.
// Lives in bench/peers/ so the import resolves to bench/peers/node_modules.
// Usage: node22 openapi-typescript.mjs <specs dir> <out dir>
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const [specsDir, outDir] = process.argv.slice(2);
const specs = readdirSync(specsDir)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

mkdirSync(outDir, { recursive: true });
// Sequential on purpose: it is what the CLI does with a multi-api redocly config.
for (const name of specs) {
  const ast = await openapiTS(pathToFileURL(join(specsDir, name)), { silent: true });
  writeFileSync(join(outDir, name.replace(/\.[^.]+$/, ".ts")), astToString(ast));
}
console.log(`openapi-typescript: ${specs.length} specs -> ${outDir}`);
