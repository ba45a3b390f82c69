/**
 * The render helper thread (renderWorker.ts), which renders planned files beside this thread
 * (util/shareOut.ts). Light on purpose: the run starts it while it plans, before it loads the
 * renderer itself.
 */
import { existsSync } from "node:fs";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { PlannedFile } from "../plan/views.js";
import type { ThreadHelper } from "../util/shareOut.js";
import type { RenderedFile } from "./renderFiles.js";

/** Below this many files to render a helper thread's start costs more than it saves. */
export const HELPER_MIN_FILES = 96;

/** The helper thread's module, as the generator's build compiles it (absent where the sources run as they are). */
const WORKER_MODULE = new URL("./renderWorker.js", import.meta.url);

/** What the worker is given: the templates' folder, and the port it answers on. */
export interface RenderWorkerData {
  templatesFolder: string;
  answers: MessagePort;
}

/** A chunk's answer from the worker thread. */
export type WorkerAnswer = { id: number; files: RenderedFile[] } | { id: number; error: string };

/** A helper thread for `templatesFolder`, where the compiled worker exists; else undefined (render on this thread). */
export function startRenderHelper(templatesFolder: string): ThreadHelper<PlannedFile, RenderedFile> | undefined {
  if (!existsSync(WORKER_MODULE)) return undefined;
  try {
    return new WorkerHelper(templatesFolder);
  } catch {
    return undefined; // no thread to be had (out of resources): this thread renders every file
  }
}

/**
 * The worker thread: chunks are sent to it, and it answers each by id on a port of its own, which
 * this thread reads as answers arrive and also at once when asked how many chunks still wait
 * (`waiting`): while this thread plans, no event is delivered, yet the worker is to be kept busy.
 */
class WorkerHelper implements ThreadHelper<PlannedFile, RenderedFile> {
  private readonly worker: Worker;
  private readonly answers: MessagePort;
  private readonly pending = new Map<
    number,
    { resolve: (files: RenderedFile[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(templatesFolder: string) {
    const { port1, port2 } = new MessageChannel();
    this.answers = port1;
    const workerData: RenderWorkerData = { templatesFolder, answers: port2 };
    this.worker = new Worker(WORKER_MODULE, { workerData, transferList: [port2] });
    this.answers.on("message", (answer: WorkerAnswer) => this.answered(answer));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", () => this.fail(new Error("the render thread stopped")));
  }

  run(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.worker.postMessage({ id, files }); // throws for a view the thread cannot be sent: nothing is then pending
      this.pending.set(id, { resolve, reject });
    });
  }

  waiting(): number {
    for (let answer = receiveMessageOnPort(this.answers); answer; answer = receiveMessageOnPort(this.answers))
      this.answered(answer.message as WorkerAnswer);
    return this.pending.size;
  }

  close(): void {
    this.answers.close();
    void this.worker.terminate();
  }

  private answered(answer: WorkerAnswer): void {
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ("error" in answer) waiting?.reject(new Error(answer.error));
    else waiting?.resolve(answer.files);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
