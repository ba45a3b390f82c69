/**
 * One layout rule: the generator lays out the code it emits as prettier would (render/codeLayout.ts),
 * with no prettier pass of its own, and prettier is the oracle. Checked over every file of the
 * committed SDK, generated/, which is exactly what `npm run generate` writes from the pinned
 * release (the drift check proves that).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesPrettierWouldChange } from "./prettierCheck.js";

const GENERATED = "generated";

describe("generated/, the SDK of the pinned release", () => {
  it("is in prettier's layout, every emitted file", async () => {
    const files = readFileSync(join(GENERATED, ".generated-files"), "utf8").trim().split("\n");
    expect(files.length).toBeGreaterThan(700);

    expect(await filesPrettierWouldChange(GENERATED, files)).toEqual([]);
  }, 300_000);
});
