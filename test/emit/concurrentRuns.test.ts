/**
 * Two runs at once on one --out never leave a mix of the two: one waits for the other, then
 * compares with what the first wrote. Real CLI processes on the real corpus, started together.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinnedRelease } from "../support/corpus.js";
import { hashedTree } from "../support/fileTree.js";

const CLI = resolve("generator/run.mjs");
const corpus = pinnedRelease();
const ROUNDS = 6;

interface Finished {
  code: number | null;
  stderr: string;
}

/** A CLI run in the background, started `delay` ms from now. */
async function runLater(delay: number, args: readonly string[]): Promise<Finished> {
  await sleep(delay);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on("close", (code) => done({ code, stderr })));
}

/** The paths whose content differs between two trees, or that only one of them has. */
function differing(tree: Record<string, string>, other: Record<string, string>): string[] {
  const paths = new Set([...Object.keys(tree), ...Object.keys(other)]);
  return [...paths].filter((path) => tree[path] !== other[path]);
}

describe("two runs at once on one --out", () => {
  const work = mkdtempSync(join(tmpdir(), "sdk-concurrent-"));
  const cache = join(work, "cache");
  const out = join(work, "sdk");
  // Three generations of the corpus, each without other services and with other edits, so that
  // each run replaces files the other leaves alone.
  const generations: Record<string, { dropped: string[]; deprecated: string }> = {
    first: { dropped: ["twilio_conversations_v1", "twilio_chat_v2"], deprecated: "FetchWorkspace" },
    second: { dropped: ["twilio_flex_v1", "twilio_video_v1"], deprecated: "FetchTask" },
    start: { dropped: ["twilio_chat_v2", "twilio_video_v1"], deprecated: "FetchActivity" },
  };
  const clean: Record<string, Record<string, string>> = {};
  const args = (name: string) => ["--specs", join(work, name), "--out", out, "--cache-dir", cache];
  afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

  beforeAll(() => {
    for (const [name, { dropped, deprecated }] of Object.entries(generations)) {
      const specs = join(work, name);
      cpSync(corpus, specs, { recursive: true });
      for (const gone of dropped) rmSync(join(specs, `${gone}.yaml`));
      const file = join(specs, "twilio_taskrouter_v1.yaml");
      const text = readFileSync(file, "utf8");
      const edited = text.replace(
        `operationId: ${deprecated}\n`,
        `operationId: ${deprecated}\n      deprecated: true\n`,
      );
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const folder = join(work, `clean-${name}`);
      const result = spawnSync(process.execPath, [CLI, ...args(name), "--out", folder], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      clean[name] = hashedTree(folder);
    }
  }, 240_000);

  it(`leave exactly one run's tree, in ${ROUNDS} rounds started at staggered moments`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      rmSync(out, { recursive: true, force: true });
      cpSync(join(work, "clean-start"), out, { recursive: true });
      // Both runs skip the work the cache holds and reach the output within milliseconds of each other.
      const [first, second] = await Promise.all([runLater(0, args("first")), runLater(round * 15, args("second"))]);
      expect([round, first, second]).toEqual([round, { code: 0, stderr: "" }, { code: 0, stderr: "" }]);
      const left = hashedTree(out);
      const apart = { first: differing(left, clean.first!), second: differing(left, clean.second!) };
      // One of them is the tree of the run that went last, with nothing of the other's.
      expect([round, Math.min(apart.first.length, apart.second.length)]).toEqual([round, 0]);
    }
  }, 240_000);
});
