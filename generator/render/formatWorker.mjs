// @ts-check
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
import { parentPort, workerData } from "node:worker_threads";
import { format } from "prettier";

if (!parentPort) throw new Error("formatWorker.mjs runs only as a worker thread");
const port = parentPort;
/** @type {{ files: { path: string, text: string }[], options: import("prettier").Options }} */
const { files, options } = workerData;
const formatted = [];
try {
  for (const file of files) formatted.push({ path: file.path, text: await format(file.text, options) });
  port.postMessage({ files: formatted });
} catch (error) {
  const path = files[formatted.length]?.path ?? "?";
  const message = error instanceof Error ? error.message : String(error);
  port.postMessage({ error: `prettier could not format ${path} (a generator bug): ${message}` });
}
