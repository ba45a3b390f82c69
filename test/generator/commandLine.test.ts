import { describe, expect, it } from "vitest";
import { nearestOption } from "../../generator/util/commandLine.js";

const GENERATE = ["specs", "out", "check", "force", "wait", "report", "package-name", "package-version", "cache-dir"];

describe("nearestOption", () => {
  it.each([
    ["--ot", "out"],
    ["--chek", "check"],
    ["--spec", "specs"],
    ["--package", "package-name"],
    ["--cachedir", "cache-dir"],
    ["--Force", "force"],
    ["--output-folder", undefined],
    ["--x", undefined],
    ["--", undefined],
  ])("%s → %s", (given, want) => {
    expect(nearestOption(given, GENERATE)).toBe(want);
  });
});
