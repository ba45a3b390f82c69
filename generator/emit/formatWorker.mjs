// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
import { parentPort, workerData } from "node:worker_threads";
import { format } from "prettier";

const { files, options } = workerData;
const formatted = [];
try {
  for (const file of files) formatted.push({ path: file.path, text: await format(file.text, options) });
  parentPort.postMessage({ files: formatted });
} catch (error) {
  const path = files[formatted.length]?.path ?? "?";
  parentPort.postMessage({ error: `prettier could not format ${path} (a generator bug): ${error.message}` });
}
