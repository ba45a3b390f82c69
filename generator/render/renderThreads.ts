/**
 * Renders many files on two threads: this one and a helper thread (renderWorker.ts), both taking
 * the next files from one queue in their order, so neither waits while the other has work left
 * (on two cores a cold run's render stage otherwise keeps one core idle). Rendering is a pure
 * function of a file's view, so which thread rendered a file never shows in its text.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { PlannedFile } from "../plan/views.js";
import { renderFile, type RenderedFile } from "./renderFiles.js";
import { loadTemplates, type Templates } from "./templates.js";
import { shareOut, type ThreadHelper } from "../util/shareOut.js";

/** Below this many files a helper thread's start costs more than it saves. */
export const HELPER_MIN_FILES = 96;

/** The helper thread's module, as the generator's build compiles it (absent where the sources run as they are). */
const WORKER_MODULE = new URL("./renderWorker.js", import.meta.url);

/** A helper thread for `templatesFolder`, where the compiled worker exists; else undefined (render on this thread). */
export function startRenderHelper(templatesFolder: string): ThreadHelper<PlannedFile, RenderedFile> | undefined {
  return existsSync(WORKER_MODULE) ? new WorkerHelper(templatesFolder) : undefined;
}

/** A chunk's answer from the worker thread. */
export type WorkerAnswer = { id: number; files: RenderedFile[] } | { id: number; error: string };

/** The worker thread (renderWorker.ts): one chunk at a time per request, answered by id. */
class WorkerHelper implements ThreadHelper<PlannedFile, RenderedFile> {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (files: RenderedFile[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(templatesFolder: string) {
    this.worker = new Worker(WORKER_MODULE, { workerData: { templatesFolder } });
    this.worker.on("message", (answer: WorkerAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if ("error" in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.files);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", () => fail(new Error("the render thread stopped")));
  }

  run(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, files });
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** Renders `files` with the templates of `templatesFolder`, on two threads where there are enough of them. */
export function renderPlannedFiles(files: readonly PlannedFile[], templatesFolder: string): Promise<RenderedFile[]> {
  // Started first: the helper loads its templates while this thread loads its own.
  const helper = files.length >= HELPER_MIN_FILES ? startRenderHelper(templatesFolder) : undefined;
  let templates: Templates;
  try {
    templates = loadTemplates(templatesFolder);
  } catch (error) {
    helper?.close(); // a thread left running would keep the process from ending
    throw error;
  }
  return shareOut(files, (file) => renderFile(file, templates), helper);
}
