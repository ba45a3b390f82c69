/**
 * A run's journal names each staged file by where it was staged: `<folder>/<index>` now, `<index>`
 * as earlier versions staged them. A run killed after its journal is completed by the next run,
 * whichever version staged it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyRun, completeInterruptedRun, RUN_FOLDER } from "../../generator/emit/runJournal.js";

const work = mkdtempSync(join(tmpdir(), "run-journal-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An output folder holding a killed run's staged files (name → text) and its journal. */
function killedRun(name: string, staged: Record<string, string>, moves: [string, string][]): string {
  const out = join(work, name);
  for (const [file, text] of Object.entries(staged)) {
    mkdirSync(dirname(join(out, RUN_FOLDER, file)), { recursive: true });
    writeFileSync(join(out, RUN_FOLDER, file), text);
  }
  writeFileSync(join(out, RUN_FOLDER, "journal"), JSON.stringify({ moves, removes: [] }));
  return out;
}

describe("a killed run's journal", () => {
  it.each<{ given: string; staged: Record<string, string>; names: string[] }>([
    { given: "staged files in folders (this version)", staged: { "0/0": "zero", "1/1": "one" }, names: ["0/0", "1/1"] },
    { given: "staged files side by side (earlier versions)", staged: { "0": "zero", "1": "one" }, names: ["0", "1"] },
  ])("is completed by the next run: $given", async ({ given, staged, names }) => {
    const out = killedRun(given.replace(/\W+/g, "-"), staged, [
      [names[0]!, "api/v1/zero.ts"],
      [names[1]!, "one.ts"],
    ]);

    await completeInterruptedRun(out);

    expect(readdirSync(out).sort()).toEqual(["api", "one.ts"]);
    expect([readFileSync(join(out, "api/v1/zero.ts"), "utf8"), readFileSync(join(out, "one.ts"), "utf8")]).toEqual([
      "zero",
      "one",
    ]);
  });
});

describe("a run", () => {
  it("writes every file in place, however many it stages at once, and leaves no run folder", async () => {
    const out = join(work, "many");
    const writes = Array.from({ length: 50 }, (_, index) => ({
      path: `domain${index % 5}/v${index % 3}/file${index}.ts`,
      text: `file ${index}\n`,
    }));

    await applyRun(out, writes, []);

    expect(writes.map(({ path }) => readFileSync(join(out, path), "utf8"))).toEqual(writes.map(({ text }) => text));
    expect(existsSync(join(out, RUN_FOLDER))).toBe(false);
  });
});
