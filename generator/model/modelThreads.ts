/**
 * Spec models made on the parser threads (modelWorker.ts): a cold run's check and model work then
 * runs beside the parsing on every core, instead of after it on this thread, which only reads the
 * models (the JSON they are cached as).
 */
import { existsSync } from "node:fs";

/** The threads' module, as the generator's build compiles it (absent where the sources run as they are). */
const MODEL_WORKER = new URL("./modelWorker.js", import.meta.url);

/** The module for `loadEach`'s threads, where it is compiled; else undefined, and this thread models. */
export function modelWorker(): URL | undefined {
  return existsSync(MODEL_WORKER) ? MODEL_WORKER : undefined;
}
