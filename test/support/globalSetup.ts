/**
 * Runs once before the test files: makes specs/twilio-oai/ hold the pinned release, exactly as
 * `npm run generate` does (fetched when missing or when the lock moved, refused when edited), so
 * that the tests of the real specs run on a fresh clone with nothing beside it. A failure stops the
 * run with the generator's own message: those tests fail, they are never skipped. Also makes the
 * folder of the run's shared work (sharedWork.ts), removed when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { defaultSpecs } from "../../generator/defaultSpecs.js";
import { REPO_ROOT } from "./corpus.js";

export default async function setup(project: TestProject): Promise<() => void> {
  await defaultSpecs(REPO_ROOT, (line) => console.log(`test set-up: ${line}`));
  const shared = mkdtempSync(join(tmpdir(), "test-run-shared-"));
  project.provide("sharedWorkFolder", shared);
  return () => rmSync(shared, { recursive: true, force: true });
}
