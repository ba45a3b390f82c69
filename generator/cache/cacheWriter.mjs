// @ts-check
// The cache's writer thread (contentCache.ts: flush): writes the entries it is given, then stops.
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
import { workerData } from "node:worker_threads";
import { writeEntry } from "./cacheEntries.mjs";

/** @type {{ folder: string, staged: string, entries: { key: string, text: string | Uint8Array }[] }} */
const { folder, staged, entries } = workerData;
const made = new Set();
for (const { key, text } of entries) writeEntry(folder, key, text, staged, made);
