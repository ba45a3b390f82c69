import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { CORPUS_LOCATION, newestCorpus } from "../support/corpus.js";
import { filesPrettierWouldChange } from "./prettierCheck.js";
import { typeCheck } from "./typeCheck.js";

// Twilio's real specs live beside the checkout and are never copied into the project.
const corpus = newestCorpus();
if (!corpus)
  console.warn(
    `corpus tests skipped: ${CORPUS_LOCATION} is absent (Twilio's real specs are read from beside the checkout)`,
  );

describe.skipIf(!corpus)(`the real Twilio corpus (${corpus ? basename(corpus) : "absent"})`, () => {
  const out = mkdtempSync(join(tmpdir(), "sdk-corpus-"));
  let result: GenerateResult;
  beforeAll(async () => {
    result = await generate({ specs: [corpus!], out, check: false });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("generates all 55 specs with every one of the 1447 operations", () => {
    expect([result.report.specs, result.report.operations]).toEqual([55, 1447]);
  });

  it("finds the 15 If-Match operations and 28 ETag responses", () => {
    expect(result.report.ifMatchOperations).toHaveLength(15);
    expect(result.report.etagResponses).toHaveLength(28);
    expect(new Set(result.report.ifMatchOperations.map((o) => o.spec))).toEqual(
      new Set(["twilio_iam_organizations", "twilio_intelligence_v2", "twilio_sync_v1", "twilio_taskrouter_v1"]),
    );
    expect(result.report.etagResponses.filter((r) => r.header === "Etag").length).toBeGreaterThan(0);
  });

  it("emits every file in prettier's layout", async () => {
    const files = readFileSync(join(out, ".generated-files"), "utf8").trim().split("\n");
    expect(files.length).toBeGreaterThan(700);
    expect(await filesPrettierWouldChange(out, files)).toEqual([]);
  }, 300_000);

  it("emits an SDK that type-checks with strict and zero diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
  }, 300_000);
});
