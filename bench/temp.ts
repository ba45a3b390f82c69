// One temp root per bench run (outside the repo) holding every scratch folder, so a single
// removal on exit, error or Ctrl-C cleans everything up.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let root: string | undefined;
let counter = 0;

function cleanup(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}

process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** A new, empty folder with a readable name, e.g. `ours-cold-3`. */
export function freshDir(name: string): string {
  root ??= mkdtempSync(join(tmpdir(), "twilio-sdk-bench-"));
  const dir = join(root, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
