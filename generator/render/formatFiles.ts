import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { balanceBySize } from "../util/balance.js";
import { needsFormatter, PRINT_WIDTH } from "./codeLayout.js";
import type { RenderedFile } from "./renderFiles.js";

/** Prettier settings of the generated code: fixed here so output does not depend on user config. */
const PRETTIER_OPTIONS = { parser: "typescript", printWidth: PRINT_WIDTH, trailingComma: "all", endOfLine: "lf" };

/** Below this much text, starting a second worker costs more than it saves. */
const BYTES_PER_WORKER = 200_000;

/**
 * Formats with prettier the rendered files whose layout may differ from prettier's (see
 * needsFormatter); the others already are prettier's output. Prettier is CPU-bound, so the work
 * is spread over worker threads, one per core.
 */
export async function formatFiles(all: readonly RenderedFile[]): Promise<RenderedFile[]> {
  const files = all.filter((file) => !file.verbatim && file.path.endsWith(".ts") && needsFormatter(file.text));
  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  const workerCount = Math.max(1, Math.min(availableParallelism(), Math.ceil(bytes / BYTES_PER_WORKER)));
  const batches = balanceBySize(files, workerCount, (file) => file.text.length);
  const formatted = await Promise.all(batches.map(formatInWorker));
  const byPath = new Map(formatted.flat().map((file) => [file.path, file.text]));
  return all.map((file) => ({ ...file, text: byPath.get(file.path) ?? file.text }));
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
