import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// `npm run generate -- --check` as CI runs it, on a copy of specs/ and its SDK.
// What `npm run generate` runs: the launcher that starts the compiled CLI.
const CLI = resolve("generator/run.mjs");
const root = mkdtempSync(join(tmpdir(), "sdk-check-"));
// The specs and their SDK, made once; each test works on a copy of its own, so any order works.
const pristine = join(root, "pristine");
let work: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, "--out", "sdk", ...args], { cwd: work, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file of the SDK folder with its text: what "writes nothing" is checked against. */
function snapshot(folder: string): Record<string, string> {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files.map((entry) => [
      join(entry.parentPath, entry.name),
      readFileSync(join(entry.parentPath, entry.name), "utf8"),
    ]),
  );
}

/** The `--- a/` … blocks of the output, one per file. */
function diffs(stdout: string): string[] {
  return stdout.split(/\n(?=--- )/).slice(1);
}

beforeAll(() => {
  cpSync(resolve("test/fixtures/specs"), join(pristine, "specs"), { recursive: true });
  work = pristine;
  expect(run().code).toBe(0);
}, 60_000);
beforeEach(() => {
  work = mkdtempSync(join(root, "case-"));
  cpSync(pristine, work, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm run generate -- --check", () => {
  it("exits 0 on a clean tree, with no diff", () => {
    const { code, stdout } = run("--check");
    expect(code).toBe(0);
    expect(stdout).toContain("sdk is up to date");
    expect(diffs(stdout)).toEqual([]);
  }, 60_000);

  it("after a spec edit and a new spec: exits 1, names every file and shows a short diff of the first three", () => {
    const ledger = join(work, "specs/twilio_ledger_v1.yaml");
    writeFileSync(
      ledger,
      readFileSync(ledger, "utf8").replace(
        "operationId: FetchAccount",
        "operationId: FetchAccount\n      deprecated: true",
      ),
    );
    cpSync(resolve("test/specDiff/fixtures/twilio_labels_v1.yaml"), join(work, "specs/twilio_labels_v1.yaml"));
    const before = snapshot(join(work, "sdk"));

    const { code, stdout } = run("--check");

    expect(code).toBe(1);
    // The SDK's files: those its manifest lists before, and the new spec's five (its double's data too).
    const files = readFileSync(join(work, "sdk/.generated-files"), "utf8").trim().split("\n").length + 5;
    expect(stdout).toContain(`sdk is stale: 16 of ${files} files differ; run npm run generate`);
    const added = ["labels/index.ts", "labels/v1/index.ts", "labels/v1/label.ts", "schemas/twilio_labels_v1.ts"];
    for (const file of [...added, "testing/data/labels.ts"]) expect(stdout).toContain(`  added:   ${file}\n`);
    // hosts.ts: the new service's host becomes a valid baseUrls key of every client.
    const changed = ["CONCURRENCY.md", "README.md", "hosts.ts", "index.ts", "ledger/v1/account.ts", "package.json"];
    for (const file of [...changed, "testing/index.ts"]) expect(stdout).toContain(`  changed: ${file}\n`);
    // The domain modules change only in the version they state (it changes with the content): listed,
    // but their diffs come after the telling ones.
    const stamped = ["documents/index.ts", "ledger/index.ts", "phone/index.ts", "tasks/index.ts"];
    for (const file of stamped) expect(stdout).toContain(`  changed: ${file}\n`);
    const shown = diffs(stdout);
    expect(shown.map((diff) => diff.split("\n").slice(0, 2))).toEqual([
      ["--- a/sdk/CONCURRENCY.md", "+++ b/sdk/CONCURRENCY.md"],
      ["--- a/sdk/README.md", "+++ b/sdk/README.md"],
      ["--- a/sdk/hosts.ts", "+++ b/sdk/hosts.ts"],
    ]);
    expect(shown[1]).toContain("\n+| `twilio-etag-sdk/labels`    | `Labels`    | v1       | 1  ");
    expect(shown[2]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(shown[2]).toMatch(/^\+export const HOSTS = \[.*"labels".*\] as const;$/m);
    for (const diff of shown) expect(diff.trimEnd().split("\n").length).toBeLessThanOrEqual(2 + 40 + 1);
    expect(snapshot(join(work, "sdk"))).toEqual(before);
  }, 60_000);
});
