import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockedSpecsFolder, readLock } from "../../generator/release/fetchRelease.js";
import { REPO_ROOT } from "../support/corpus.js";
import { lockOf, projectRoot } from "./releaseFixtures.js";

describe("the committed lock", () => {
  it("pins twilio-oai 2.3.4, its 50 specs, and the npm package that mirrors them", () => {
    const lock = readLock(REPO_ROOT);
    expect({ ...lock, files: Object.keys(lock.files).length }).toEqual({
      repository: "twilio/twilio-oai",
      tag: "2.3.4",
      commit: "4ae76f329a902d6e7bc16fa57cd60418161682bb",
      folder: "spec/yaml",
      mirrors: [
        { package: "@twilio-alpha/mcp", version: "0.7.0", folder: "package/twilio-oai/spec/yaml", license: "MIT" },
      ],
      files: 50,
    });
    expect(lockedSpecsFolder(REPO_ROOT)).toBe(join(REPO_ROOT, "specs", "twilio-oai"));
  });
});

describe("readLock refuses a damaged lock, naming the place", () => {
  const good = lockOf({ "twilio_alpha_v1.yaml": "alpha" });
  it.each([
    // given the lock: want the error
    [{ ...good, tag: "../2.3.4" }, "(at tag): expected a string matching"],
    [{ ...good, commit: "4ae76f3" }, "(at commit): expected a string matching"],
    [
      { ...good, files: { "../twilio_alpha_v1.yaml": "0".repeat(64) } },
      "(at files.../twilio_alpha_v1.yaml): not a plain file name",
    ],
    [{ ...good, files: { "twilio_alpha_v1.yaml": "md5" } }, "(at files.twilio_alpha_v1.yaml): expected a sha256"],
    [{ ...good, files: {} }, "(at files): no files"],
    [{ ...good, mirrors: {} }, "(at mirrors): expected an array of npm mirrors"],
    [
      { ...good, mirrors: [{ package: "--registry=x", version: "1", folder: "p", license: "MIT" }] },
      "(at mirrors.0.package)",
    ],
    ["{", "not JSON"],
  ])("%j: %s", (lock, message) => {
    const root = projectRoot(good);
    writeFileSync(join(root, "specs", "twilio-oai.lock.json"), typeof lock === "string" ? lock : JSON.stringify(lock));
    expect(() => readLock(root)).toThrow(`${join(root, "specs", "twilio-oai.lock.json")}`);
    expect(() => readLock(root)).toThrow(message);
  });
});
