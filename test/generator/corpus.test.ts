import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { pinnedRelease } from "../support/corpus.js";
import { countSpecs } from "../support/specCounts.js";
import { typeCheck } from "./typeCheck.js";

// The pinned release, as npm run generate fetches it (never committed); releases.test.ts covers the others.
// Its layout is checked on generated/, which is this release's SDK (generatedLayout.test.ts).
const corpus = pinnedRelease();

describe("the real Twilio corpus: the pinned release", () => {
  const out = mkdtempSync(join(tmpdir(), "sdk-corpus-"));
  let result: GenerateResult;
  let counted: ReturnType<typeof countSpecs>;
  beforeAll(async () => {
    counted = countSpecs(corpus);
    result = await generate({ specs: [corpus], out, check: false });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("generates every spec of the corpus with every one of its operations", () => {
    expect(counted.specs).toBeGreaterThan(0);
    expect(counted.operations).toBeGreaterThan(counted.specs);
    expect([result.report.specs, result.report.operations]).toEqual([counted.specs, counted.operations]);
  });

  it("finds every If-Match operation and every ETag response the corpus declares", () => {
    expect(counted.ifMatch.length).toBeGreaterThan(0);
    expect(result.report.ifMatchOperations.map((o) => ({ spec: o.spec, operationId: o.operationId }))).toEqual(
      expect.arrayContaining(counted.ifMatch),
    );
    expect(result.report.ifMatchOperations).toHaveLength(counted.ifMatch.length);
    expect(result.report.etagResponses).toHaveLength(counted.etagResponses);
  });

  it("emits an SDK that type-checks with strict and zero diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"), { noUnusedLocals: true })).toEqual([]);
  }, 300_000);
});
