// Preloaded (NODE_OPTIONS=--import) into every Node process a measured child starts, when GNU
// time is not available: each appends its own peak RSS in kB, and the bench takes the largest.
import { appendFileSync } from "node:fs";

process.on("exit", () => {
  // maxRSS is already in kB, like GNU time's figure.
  appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
