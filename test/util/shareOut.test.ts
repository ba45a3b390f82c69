import { describe, expect, it } from "vitest";
import { SharedWork, type ThreadHelper } from "../../generator/util/shareOut.js";
import { shareAll } from "../support/shareAll.js";

const shareOut = <Input, Output>(
  inputs: readonly Input[],
  work: (input: Input) => Output,
  helper: ThreadHelper<Input, Output> | undefined,
) => shareAll(SharedWork, inputs, work, helper);

/**
 * A helper on this thread that answers after other tasks have run (as a thread's answer arrives),
 * records the chunks it was given, and fails as told: the scheduler is what is under test here.
 */
function helper(
  work: (input: number) => string,
  options: { stopsAfter?: number } = {},
): ThreadHelper<number, string> & { chunks: number[][]; closed: boolean; answered: number } {
  const self = {
    chunks: [] as number[][],
    closed: false,
    run(inputs: readonly number[]): Promise<string[]> {
      self.chunks.push([...inputs]);
      const stopped = options.stopsAfter !== undefined && self.chunks.length > options.stopsAfter;
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          self.answered += 1;
          if (stopped) {
            reject(new Error("the helper thread stopped"));
            return;
          }
          try {
            resolve(inputs.map((input) => `helper:${work(input)}`));
          } catch (error) {
            reject(error);
          }
        }, 1),
      );
    },
    answered: 0,
    waiting: () => self.chunks.length - self.answered,
    close() {
      self.closed = true;
    },
  };
  return self;
}

const inputs = Array.from({ length: 200 }, (_, index) => index);
const square = (input: number) => String(input * input);
const bare = (text: string) => text.replace(/^helper:/, "");
const failsAt = (bad: readonly number[]) => (input: number) => {
  if (bad.includes(input)) throw new Error(`input ${input} failed`);
  return square(input);
};

describe("shareOut", () => {
  it("gives every output in input order, each done once, by both threads", async () => {
    const help = helper(square);
    const outputs = await shareOut(inputs, square, help);
    expect(outputs.map(bare)).toEqual(inputs.map(square));
    expect(outputs.some((output) => output.startsWith("helper:"))).toBe(true);
    expect(outputs.some((output) => !output.startsWith("helper:"))).toBe(true);
    const byHelper = help.chunks.flat();
    expect(new Set(byHelper).size).toBe(byHelper.length);
    expect(help.closed).toBe(true);
  });

  it("does all the work on this thread without a helper", async () => {
    expect(await shareOut(inputs, square, undefined)).toEqual(inputs.map(square));
    expect(await shareOut([], square, undefined)).toEqual([]);
  });

  const failures: { name: string; bad: number[]; helperWork?: (input: number) => string }[] = [
    { name: "one input fails", bad: [150] },
    { name: "several fail: the first in order is reported", bad: [190, 40, 120] },
    { name: "the first input fails", bad: [0] },
    { name: "the last input fails", bad: [199] },
  ];
  for (const { name, bad } of failures) {
    it(`reports the first failing input's error, wherever it was done: ${name}`, async () => {
      const first = Math.min(...bad);
      const help = helper(failsAt(bad));
      await expect(shareOut(inputs, failsAt(bad), help)).rejects.toThrow(`input ${first} failed`);
      expect(help.closed).toBe(true);
    });
  }

  it("does a stopped helper's chunks on this thread", async () => {
    const help = helper(square, { stopsAfter: 2 });
    const outputs = await shareOut(inputs, square, help);
    expect(outputs.map(bare)).toEqual(inputs.map(square));
    expect(outputs.filter((output) => output.startsWith("helper:")).length).toBeGreaterThan(0);
  });

  it("reports this thread's own error for an input that failed on the helper", async () => {
    const helperFails = (input: number) => {
      throw new Error(`helper's own message for ${input}`);
    };
    const help = helper(helperFails);
    await expect(shareOut(inputs, failsAt([130]), help)).rejects.toThrow("input 130 failed");
  });

  it("hands inputs to the helper as they are added, before this thread joins, and keeps their order", async () => {
    const help = helper(square);
    const shared = new SharedWork(() => help, 50);
    shared.add(inputs.slice(0, 30));
    expect(help.chunks).toEqual([]); // fewer than 50 inputs: no helper yet
    shared.add(inputs.slice(30, 120));
    const handedBeforeJoining = help.chunks.flat().length;
    await new Promise((resolve) => setTimeout(resolve, 20)); // this thread busy elsewhere; the helper answers
    shared.add(inputs.slice(120));
    const outputs = await shared.finish(square);

    expect(handedBeforeJoining).toBeGreaterThan(0);
    expect(outputs.map(bare)).toEqual(inputs.map(square));
    expect(help.closed).toBe(true);
  });

  it("stops the helper when the work is abandoned before this thread joins", () => {
    const help = helper(square);
    const shared = new SharedWork(() => help, 0);
    shared.add(inputs);
    shared.close();
    expect(help.closed).toBe(true);
  });

  it("never starts a helper for fewer inputs than asked", async () => {
    let started = 0;
    const shared = new SharedWork(() => (started++, helper(square)), 500);
    shared.add(inputs);
    expect(await shared.finish(square)).toEqual(inputs.map(square));
    expect(started).toBe(0);
  });

  it("asks for a helper once: a run with none renders every input on this thread", async () => {
    let asked = 0;
    const shared = new SharedWork<number, string>(() => (asked++, undefined), 10);
    for (const input of inputs) shared.add([input]);
    expect(await shared.finish(square)).toEqual(inputs.map(square));
    expect(asked).toBe(1);
  });
});
