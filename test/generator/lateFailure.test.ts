/**
 * A run that fails in its plan after the render thread has started (the corpus's files are queued
 * for it domain by domain) ends at once with the located error, and writes nothing: the thread is
 * stopped on the way out, so nothing keeps the process running.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pinnedRelease } from "../support/corpus.js";
import { GENERATOR_BIN } from "../support/npmScript.js";

const work = mkdtempSync(join(tmpdir(), "late-failure-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a plan that fails after the render thread started", () => {
  it("ends with the located error, writes nothing, and leaves no thread running", () => {
    const specs = join(work, "specs");
    cpSync(pinnedRelease(), specs, { recursive: true });
    // A last domain (zzz) whose path gives no name: the plan refuses it after every other domain is planned.
    const named = readFileSync("test/fixtures/hostile/file-name/twilio_named_v1.yaml", "utf8")
      .replace("/v1/Notes/{Sid}:", "/v1/---/{Sid}:")
      .concat("servers:\n- url: https://zzz.twilio.com\n");
    writeFileSync(join(specs, "twilio_zzz_v1.yaml"), named);
    const out = join(work, "out");

    const run = spawnSync(process.execPath, [GENERATOR_BIN, "generate", "--specs", specs, "--out", out, "--no-cache"], {
      encoding: "utf8",
      timeout: 120_000,
    });

    expect(run.signal).toBeNull(); // not killed by the timeout: the process ended by itself
    expect(run.status).toBe(2); // a spec error
    expect(run.stderr).toContain("twilio_zzz_v1.yaml");
    expect(run.stderr).toContain("the path gives no name");
    expect(readdirSync(work).sort()).toEqual(["specs"]);
  }, 180_000);
});
