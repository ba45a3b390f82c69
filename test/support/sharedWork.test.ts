import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { sharedWork } from "./sharedWork.js";

/** A name of its own for each test: the run's folder is shared by every test file. */
const unique = (what: string) => `shared-work-test-${what}-${process.pid}-${Math.random().toString(36).slice(2)}`;

describe("work shared by the test files of a run", () => {
  it("is done once when asked for at the same time, and every asker reads what it left", async () => {
    const name = unique("once");
    let made = 0;
    const make = async (folder: string) => {
      made++;
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(join(folder, "result.txt"), "made");
    };
    const folders = await Promise.all([sharedWork(name, make), sharedWork(name, make), sharedWork(name, make)]);
    expect(made).toBe(1);
    expect(new Set(folders).size).toBe(1);
    expect(readFileSync(join(folders[0]!, "result.txt"), "utf8")).toBe("made");
    // Asked for again, later: done already.
    expect(await sharedWork(name, make)).toBe(folders[0]);
    expect(made).toBe(1);
  });

  it("fails every asker when it fails: the maker with its error, the others with its reason", async () => {
    const name = unique("failing");
    const make = async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error("npm pack exited 1: no space left");
    };
    const [first, second] = await Promise.allSettled([sharedWork(name, make), sharedWork(name, make)]);
    expect(first).toMatchObject({ status: "rejected", reason: { message: "npm pack exited 1: no space left" } });
    expect(second).toMatchObject({ status: "rejected" });
    const reason = (second as PromiseRejectedResult).reason as Error;
    expect(reason.message).toMatch(new RegExp(`^shared work ${name} failed in another test file:\\n`));
    expect(reason.message).toContain("npm pack exited 1: no space left");
    await expect(sharedWork(name, async () => undefined)).rejects.toThrow("no space left");
  });

  it("fails the askers, not waits for ever, when the process that claimed it exited before finishing", async () => {
    const name = unique("orphaned");
    const exited = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const pid = Number(exited.stdout.trim());
    const claim = join(inject("sharedWorkFolder"), `${name}.claim`);
    mkdirSync(claim);
    writeFileSync(join(claim, "pid"), String(pid));
    await expect(sharedWork(name, async () => undefined, 5_000)).rejects.toThrow(
      `shared work ${name}: the test process that made it (pid ${pid}) exited before finishing`,
    );
  });

  it("fails when the maker takes longer than the askers wait", async () => {
    const name = unique("slow");
    const slow = sharedWork(name, () => new Promise((resolve) => setTimeout(resolve, 1_500)), 200);
    await expect(sharedWork(name, async () => undefined, 200)).rejects.toThrow(
      `shared work ${name}: not done within 200 ms (pid ${process.pid})`,
    );
    await slow;
  });
});
