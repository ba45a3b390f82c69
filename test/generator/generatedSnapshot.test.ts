import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { filesPrettierWouldChange } from "./prettierCheck.js";
import { typeCheck } from "./typeCheck.js";

// The committed generated/ folder is the snapshot of what specs/ produces: `vitest -u` rewrites it,
// and every such change is read line by line in review.
const out = mkdtempSync(join(tmpdir(), "sdk-specs-"));
let result: GenerateResult;
let files: string[];

beforeAll(async () => {
  result = await generate({ specs: ["specs"], out, check: false });
  files = readFileSync(join(out, ".generated-files"), "utf8").trim().split("\n");
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("SDK generated from specs/", () => {
  it("matches the committed generated/ files", async () => {
    for (const file of files) {
      await expect(readFileSync(join(out, file), "utf8")).toMatchFileSnapshot(join("../../generated", file));
    }
  });

  it("reports every If-Match operation and ETag response of specs/", () => {
    expect(result.report.ifMatchOperations.map((o) => o.operationId)).toEqual([
      "DeleteStore",
      "PatchStore",
      "UpdateMember",
      "UpdateStore",
      "UpdateAccount",
      "DeleteTask",
      "UpdateTask",
      "UpdateTaskReservation",
    ]);
    expect(result.report.etagResponses.map((r) => `${r.operationId} ${r.status} ${r.header}`)).toContain(
      "UpdateTaskReservation 200 Etag",
    );
    expect([result.report.operations, result.report.etagResponses.length]).toEqual([39, 10]);
  });

  it("is byte-identical when generated again", async () => {
    const again = await generate({ specs: ["specs"], out, check: true });
    expect(again.changes).toMatchObject({ added: [], changed: [], removed: [] });
  }, 60_000);

  it("is already in prettier's layout, every file", async () => {
    expect(await filesPrettierWouldChange(out, files)).toEqual([]);
  }, 60_000);

  it("type-checks with strict and no diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
  }, 60_000);
});
