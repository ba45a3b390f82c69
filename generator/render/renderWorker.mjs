// A second render thread for large runs. Worker threads do not inherit the TypeScript loader
// that runs the CLI from source, so this plain-JavaScript entry registers it first, unless it
// runs from the compiled copy (see run.mjs).
import { existsSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const renderer = new URL("./renderer.js", import.meta.url);
if (!existsSync(renderer)) (await import("tsx/esm/api")).register();
const { renderFiles, loadTemplates } = await import(renderer.href);
const templates = loadTemplates(workerData.templates);
parentPort.on("message", (files) => {
  try {
    parentPort.postMessage({ files: renderFiles(files, templates) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
