/**
 * A run killed at any point (SIGKILL, no chance to clean up) never costs the output its
 * consistency: the next run leaves exactly the tree a clean run writes, with no temporary file.
 * Real CLI processes on the real corpus, killed at seeded random points while they write.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinnedRelease } from "../support/corpus.js";
import { hashedTree as tree } from "../support/fileTree.js";
import { seededRandom } from "../support/seededRandom.js";

const CLI = resolve("generator/run.mjs");
const corpus = pinnedRelease();
const SEED = 14;
const KILLS = 10;

describe("a run killed at a random point", () => {
  const work = mkdtempSync(join(tmpdir(), "sdk-killed-"));
  const cache = join(work, "cache");
  const out = join(work, "sdk");
  const runFolder = join(out, ".generated-run");
  const journal = join(runFolder, "journal");
  // Two generations: the corpus, and the corpus without four services and with two edited specs.
  const generations = { current: corpus, older: join(work, "older") };
  const clean: Record<string, Record<string, string>> = {};
  afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

  const args = (specs: string) => ["--specs", specs, "--out", out, "--cache-dir", cache];
  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** A CLI run in the background; `code` is set when it exits (null when killed). */
  function started(specs: string) {
    const child = { process: spawn(process.execPath, [CLI, ...args(specs)], { stdio: "ignore" }) } as {
      process: ChildProcess;
      code?: number | null;
      exit: Promise<void>;
    };
    child.exit = new Promise((done) => child.process.on("exit", (code) => done(void (child.code = code))));
    return child;
  }

  /** Runs the CLI, kills it `delay` ms after `anchor` first holds, and says where the kill landed. */
  async function killedRun(specs: string, anchor: () => boolean, delay: number): Promise<string> {
    const child = started(specs);
    while (child.code === undefined && !anchor()) await sleep(1);
    await sleep(delay);
    if (child.code !== undefined) return "finished";
    child.process.kill("SIGKILL");
    await child.exit;
    return existsSync(journal) ? "committed" : existsSync(runFolder) ? "staged" : "untouched";
  }

  /** Times a full run into `out`: when it starts staging, commits its journal, and ends. */
  async function timedRun(specs: string): Promise<{ staging: number; journal: number; end: number }> {
    const start = performance.now();
    const child = started(specs);
    const seen = { staging: 0, journal: 0, end: 0 };
    while (child.code === undefined) {
      if (!seen.staging && existsSync(runFolder)) seen.staging = performance.now() - start;
      if (!seen.journal && existsSync(journal)) seen.journal = performance.now() - start;
      await sleep(1);
    }
    expect(child.code).toBe(0);
    return { ...seen, end: performance.now() - start };
  }

  beforeAll(async () => {
    cpSync(corpus, generations.older, { recursive: true });
    for (const gone of ["twilio_conversations_v1", "twilio_chat_v2", "twilio_flex_v1", "twilio_video_v1"])
      rmSync(join(generations.older, `${gone}.yaml`));
    for (const [spec, operation] of [
      ["twilio_taskrouter_v1", "FetchWorkspace"],
      ["twilio_sync_v1", "FetchService"],
    ]) {
      const file = join(generations.older, `${spec}.yaml`);
      const text = readFileSync(file, "utf8");
      const edited = text.replace(`operationId: ${operation}\n`, `operationId: ${operation}\n      deprecated: true\n`);
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
    }
    for (const [name, specs] of Object.entries(generations)) {
      const folder = join(work, `clean-${name}`);
      expect(run("--specs", specs, "--out", folder, "--cache-dir", cache).code).toBe(0);
      clean[name] = tree(folder);
    }
    cpSync(join(work, "clean-older"), out, { recursive: true });
  }, 240_000);

  it(`leaves, after the next run, exactly a clean run's tree at ${KILLS} seeded kill points`, async () => {
    // The first, unkilled update measures how long a run stages and how long it applies its journal.
    const times = await timedRun(generations.current);
    expect(tree(out)).toEqual(clean.current);
    expect(times.staging).toBeGreaterThan(0);
    const windows = {
      anywhere: { anchor: () => true, span: times.end },
      staging: { anchor: () => existsSync(runFolder), span: (times.journal || times.end) - times.staging },
      applying: { anchor: () => existsSync(journal), span: times.end - (times.journal || times.staging) },
    };
    // Seeded, so that every run of the test kills at the same points.
    const next = seededRandom(SEED);
    const landed: string[] = [];
    let checkedLeftovers = false;
    // A run that ends before its kill point is no kill: points are drawn until KILLS runs were killed,
    // and one of them while applying its journal (a short window, easily missed on a busy machine).
    const enough = () => landed.filter((where) => where !== "finished").length >= KILLS && landed.includes("committed");
    for (let attempt = 0; !enough(); attempt++) {
      expect(attempt).toBeLessThan(4 * KILLS);
      // Alternates between the generations: each run updates the tree the previous one left.
      const target = attempt % 2 === 0 ? "older" : "current";
      const window = Object.values(windows)[attempt % 3]!;
      const where = await killedRun(generations[target], window.anchor, Math.floor(next() * window.span));
      landed.push(where);
      if (!checkedLeftovers && (where === "staged" || where === "committed")) {
        const check = run(...args(generations[target]), "--check");
        expect(check.code).toBe(1);
        expect(check.stdout).toContain("holds the leftovers of an interrupted run (.generated-run)");
        checkedLeftovers = true;
      }

      const again = where === "finished" ? { code: 0, stderr: "" } : run(...args(generations[target]));

      expect([attempt, where, again.code, again.stderr]).toEqual([attempt, where, 0, ""]);
      expect(tree(out)).toEqual(clean[target]);
      expect(existsSync(runFolder)).toBe(false);
      for (const generation of readdirSync(cache).filter((name) => /^[0-9a-f]{16}$/.test(name)))
        expect(readdirSync(join(cache, generation, "staging"))).toEqual([]);
    }
    expect(landed).toContain("staged");
    expect(landed).toContain("committed");
    console.info(`kill points (seed ${SEED}): ${landed.join(", ")}; one update run: ${Math.round(times.end)} ms`);
  }, 420_000);
});
