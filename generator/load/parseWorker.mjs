// @ts-check
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
// Parses YAML specs (parseYaml.mjs) and answers with JSON text, which the main thread parses far
// faster than YAML.
import { parentPort } from "node:worker_threads";
import { parseYaml } from "./parseYaml.mjs";

if (!parentPort) throw new Error("parseWorker.mjs runs only as a worker thread");
const port = parentPort;

port.once("message", (/** @type {{ file: string, text: string, index: number }[]} */ specs) => {
  for (const { file, text, index } of specs) port.postMessage({ file, index, ...parseYaml(text) });
});
