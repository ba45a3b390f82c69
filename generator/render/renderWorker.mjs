// A second render thread for large runs. Worker threads do not inherit the TypeScript loader
// that runs the CLI, so this plain-JavaScript entry registers it before loading the renderer.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { renderFiles, loadTemplates } = await import(new URL("./renderer.ts", import.meta.url).href);
const templates = loadTemplates(workerData.templates);
parentPort.on("message", (files) => {
  try {
    parentPort.postMessage({ files: renderFiles(files, templates) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
