import { describe, expect, it } from "vitest";
import { Throttle } from "../../generator/util/throttle.js";

/** A task that settles when told to, recording when it started. */
function deferred(started: number[], index: number) {
  let settle!: (ok: boolean) => void;
  const task = () =>
    new Promise<number>((resolve, reject) => {
      started.push(index);
      settle = (ok) => (ok ? resolve(index) : reject(new Error(`task ${index}`)));
    });
  return { task, settle: (ok: boolean) => settle(ok) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("a throttle", () => {
  it("runs at most `limit` tasks at once, the others in the order given as those settle", async () => {
    const started: number[] = [];
    const throttle = new Throttle(2);
    const tasks = [0, 1, 2, 3].map((index) => deferred(started, index));
    const outcomes = Promise.allSettled(tasks.map(({ task }) => throttle.run(task)));
    await tick();
    expect(started).toEqual([0, 1]);

    tasks[1]!.settle(false);
    await tick();
    expect(started).toEqual([0, 1, 2]);
    tasks[0]!.settle(true);
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    tasks[3]!.settle(true);
    tasks[2]!.settle(true);

    expect((await outcomes).map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
  });

  it("runs a task that throws at once as a rejected one, and goes on", async () => {
    const throttle = new Throttle(1);
    const failing = throttle.run(() => {
      throw new Error("at once");
    });
    await expect(failing).rejects.toThrow("at once");
    await expect(throttle.run(async () => "next")).resolves.toBe("next");
  });
});
