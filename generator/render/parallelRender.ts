import { Worker } from "node:worker_threads";
import { balanceBySize } from "../balance.js";
import type { PlannedFile } from "../plan/types.js";
import type { RenderedFile } from "./renderFiles.js";

type Answer = { files: RenderedFile[]; error?: undefined } | { error: string };

/**
 * A render thread started ahead of time: loading TypeScript and the renderer takes it about a
 * second, which it spends while the specs are still being parsed.
 */
export class RenderWorker {
  private readonly worker: Worker;

  constructor(templatesFolder: string) {
    this.worker = new Worker(new URL("./renderWorker.mjs", import.meta.url), {
      workerData: { templates: templatesFolder },
    });
    // An error before the first render would otherwise go unobserved.
    this.worker.on("error", () => undefined);
  }

  /** Renders `files` in the worker; the specs they reference travel once per call. */
  render(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
    return new Promise((resolve, reject) => {
      this.worker.once("message", (answer: Answer) =>
        answer.error === undefined ? resolve(answer.files) : reject(new Error(answer.error)),
      );
      this.worker.once("error", reject);
      this.worker.postMessage(files);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Renders on this thread and, when given, a worker at once: files go to the lighter side by
 * domain folder, so a domain's modules and its specs travel together.
 */
export async function renderInParallel(
  files: readonly PlannedFile[],
  render: (files: readonly PlannedFile[]) => RenderedFile[],
  worker: RenderWorker | undefined,
): Promise<RenderedFile[]> {
  if (worker === undefined || files.length < 2) return render(files);
  const [here, there] = splitByFolder(files);
  const elsewhere = worker.render(there);
  const local = render(here);
  return [...local, ...(await elsewhere)];
}

function splitByFolder(files: readonly PlannedFile[]): [PlannedFile[], PlannedFile[]] {
  const folders = new Map<string, PlannedFile[]>();
  for (const file of files) {
    const folder = file.kind === "schemas" ? `schemas:${file.spec.domain}` : file.path.split("/")[0]!;
    const group = folders.get(folder) ?? [];
    group.push(file);
    folders.set(folder, group);
  }
  // A schemas module takes about seven times as long to render as a resource module.
  const weight = (group: PlannedFile[]) => group.length + group.filter((file) => file.kind === "schemas").length * 6;
  const [here = [], there = []] = balanceBySize([...folders.values()], 2, weight).map((side) => side.flat());
  return [here, there];
}
