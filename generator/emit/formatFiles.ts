import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RenderedFile } from "../render/renderFiles.js";

/** Prettier settings of the generated code: fixed here so output does not depend on user config. */
const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all", endOfLine: "lf" };

/**
 * Formats rendered files with prettier across worker threads: prettier is CPU-bound and the
 * corpus renders to megabytes of TypeScript, so one thread per core roughly halves the wait.
 */
export async function formatFiles(all: readonly RenderedFile[]): Promise<RenderedFile[]> {
  const files = all.filter((file) => file.path.endsWith(".ts"));
  const workerCount = Math.max(1, Math.min(availableParallelism(), Math.ceil(files.length / 50)));
  const batches: RenderedFile[][] = Array.from({ length: workerCount }, () => []);
  [...files]
    .sort((a, b) => b.text.length - a.text.length)
    .forEach((file, index) => batches[index % workerCount]!.push(file));
  const formatted = await Promise.all(batches.map(formatInWorker));
  const byPath = new Map(formatted.flat().map((file) => [file.path, file.text]));
  return all.map((file) => ({ path: file.path, text: byPath.get(file.path) ?? file.text }));
}

function formatInWorker(batch: RenderedFile[]): Promise<RenderedFile[]> {
  if (batch.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./formatWorker.mjs", import.meta.url), {
      workerData: { files: batch, options: PRETTIER_OPTIONS },
    });
    worker.once("message", (result: { files?: RenderedFile[]; error?: string }) => {
      void worker.terminate();
      if (result.error) reject(new Error(result.error));
      else resolve(result.files!);
    });
    worker.once("error", reject);
  });
}
