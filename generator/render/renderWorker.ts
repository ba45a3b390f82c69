/**
 * The render helper thread (renderHelper.ts): loads the templates once, then renders each chunk of
 * planned files it is sent and answers on its port with their texts, or with the first failure's
 * message (the main thread then renders that chunk itself, and reports its own error).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PlannedFile } from "../plan/views.js";
import type { RenderWorkerData, WorkerAnswer } from "./renderHelper.js";
import { renderFiles } from "./renderFiles.js";
import { loadTemplates } from "./templates.js";

if (!parentPort) throw new Error("renderWorker runs only as a worker thread");
const { templatesFolder, answers } = workerData as RenderWorkerData;
const templates = loadTemplates(templatesFolder);

parentPort.on("message", ({ id, files }: { id: number; files: PlannedFile[] }) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, files: renderFiles(files, templates) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  answers.postMessage(answer);
});
