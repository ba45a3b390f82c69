import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmScript } from "../support/npmScript.js";

// `npm run spec-diff` on the fixtures: the notes spec alone, then with the labels service added.
const NOTES = "test/specDiff/fixtures/twilio_notes_v1.yaml";
const BOTH = "test/specDiff/fixtures";
const work = mkdtempSync(join(tmpdir(), "spec-diff-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const script = npmScript("spec-diff", args);
  const result = spawnSync(process.execPath, script.args, { encoding: "utf8", env: script.env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run spec-diff", () => {
  it("prints the Markdown report; exit 0 without --fail-on", () => {
    const { code, stdout, stderr } = run("--from", NOTES, "--to", BOTH);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# SDK change report\n/);
    expect(stdout).toContain("**0 breaking, 3 additive changes.**");
    expect(stdout).toContain(
      "- `labels`: service added (twilio_labels_v1.yaml): versions `v1`, 1 resource, 2 operations",
    );
    expect(stdout).toContain("- `If-Match` gained (service added): `labels.v1.labels(Sid).update()` (`UpdateLabel` ");
    expect(stderr).toContain("spec-diff: 0 breaking, 3 additive changes");
  });

  it.each([
    // given --fail-on, from → to: want the exit code
    ["breaking", NOTES, BOTH, 0],
    ["additive", NOTES, BOTH, 1],
    ["breaking", BOTH, NOTES, 1],
    ["none", BOTH, NOTES, 0],
    ["additive", NOTES, NOTES, 0],
  ])("--fail-on %s from %s to %s exits %i", (failOn, from, to, want) => {
    expect(run("--from", from, "--to", to, "--fail-on", failOn).code).toBe(want);
  });

  it("writes JSON to --out, the same data the Markdown shows", () => {
    const out = join(work, "report.json");
    const { code, stdout } = run("--from", BOTH, "--to", NOTES, "--format", "json", "--out", out);
    expect([code, stdout]).toEqual([0, ""]);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report).toMatchObject({
      breaking: 3,
      additive: 0,
      specFiles: { added: [], removed: [{ file: "twilio_labels_v1.yaml", operations: 2 }] },
      concurrencyBySpec: [
        { spec: "twilio_labels_v1.yaml", ifMatchLost: 1, etagLost: 1, ifMatchGained: 0, etagGained: 0 },
      ],
    });
    expect(
      report.concurrency.map((change: { kind: string; subject: string }) => `${change.kind} ${change.subject}`),
    ).toEqual(["if-match-lost labels.v1.labels(Sid).update()", "etag-lost labels.v1.labels(Sid).fetch()"]);
  });

  it.each([
    [["--from", NOTES], "both --from and --to are required"],
    [["--from", NOTES, "--to", NOTES, "--format", "html"], "--format must be one of markdown, json, not html"],
    [
      ["--from", NOTES, "--to", NOTES, "--fail-on", "all"],
      "--fail-on must be one of breaking, additive, none, not all",
    ],
    [["--from", "no-such-folder", "--to", NOTES], "--from no-such-folder: no such file or folder"],
  ])("%j exits 2: %s", (args, message) => {
    const { code, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
