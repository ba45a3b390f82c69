import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { filesPrettierWouldChange } from "./prettierCheck.js";
import { typeCheck } from "./typeCheck.js";
import { firstDifference } from "../support/firstDifference.js";
import { countSpecs, FIXTURE_SPECS } from "../support/specCounts.js";

// Our own specs cover every feature offline; the committed test/fixtures/generated/ folder is the
// snapshot of what they produce, compared byte for byte (a missing or extra file fails too). After
// a deliberate change: npm run generate -- --specs test/fixtures/specs --out test/fixtures/generated,
// and read the diff line by line in review.
const SPECS = "test/fixtures/specs";
const SNAPSHOT = resolve("test/fixtures/generated");
const out = mkdtempSync(join(tmpdir(), "sdk-specs-"));
let result: GenerateResult;
let files: string[];

beforeAll(async () => {
  result = await generate({ specs: [SPECS], out, check: false });
  files = readFileSync(join(out, ".generated-files"), "utf8").trim().split("\n");
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every file under `folder`, as sorted relative paths. */
function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe("SDK generated from test/fixtures/specs/", () => {
  it("has exactly the files of the committed test/fixtures/generated/", () => {
    expect(listFiles(SNAPSHOT)).toEqual(listFiles(out));
  });

  it("matches the committed test/fixtures/generated/ byte for byte", () => {
    // Each differing file is reported with its first differing lines, committed and generated.
    const differences = files.flatMap((file) => {
      const committed = join(SNAPSHOT, file);
      const generated = readFileSync(join(out, file), "utf8");
      if (existsSync(committed) && readFileSync(committed, "utf8") === generated) return [];
      return [firstDifference(file, existsSync(committed) ? readFileSync(committed, "utf8") : undefined, generated)];
    });
    expect(differences.join("\n\n")).toBe("");
  });

  it("reports every If-Match operation and ETag response of test/fixtures/specs/", () => {
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
    const counted = countSpecs(FIXTURE_SPECS);
    expect([result.report.operations, result.report.etagResponses.length]).toEqual([
      counted.operations,
      counted.etagResponses,
    ]);
  });

  it("is byte-identical when generated again", async () => {
    const again = await generate({ specs: [SPECS], out, check: true });
    expect(again.changes).toMatchObject({ added: [], changed: [], removed: [] });
  }, 60_000);

  it("is already in prettier's layout, every file", async () => {
    expect(await filesPrettierWouldChange(out, files)).toEqual([]);
  }, 60_000);

  it("type-checks with strict and no diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"), { noUnusedLocals: true })).toEqual([]);
  }, 60_000);
});
