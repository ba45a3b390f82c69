// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
// Parses YAML specs (parseYaml.mjs) and answers with JSON text, which the main thread parses far
// faster than YAML.
import { parentPort } from "node:worker_threads";
import { parseYaml } from "./parseYaml.mjs";

parentPort.once("message", (specs) => {
  for (const { file, text } of specs) parentPort.postMessage({ file, ...parseYaml(text) });
});
