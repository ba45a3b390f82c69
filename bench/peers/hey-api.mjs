// Runs @hey-api/openapi-ts on every spec of a folder in ONE process (its createClient accepts an
// array of configs), so the peer pays its start-up once, as our generator does.
// Lives in bench/peers/ so the import resolves to bench/peers/node_modules.
// Usage: node22 hey-api.mjs <specs dir> <out dir>
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@hey-api/openapi-ts";

const [specsDir, outDir] = process.argv.slice(2);
const specs = readdirSync(specsDir)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

// Default plugins (types + SDK + fetch client), no formatter or linter: the peer's own default.
const configs = specs.map((name) => ({
  input: join(specsDir, name),
  output: { path: join(outDir, name.replace(/\.[^.]+$/, "")) },
  logs: { level: "silent", file: false },
}));
await createClient(configs);
console.log(`hey-api: ${specs.length} specs -> ${outDir}`);
