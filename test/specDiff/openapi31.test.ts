/**
 * spec-diff across OpenAPI versions: an API rewritten from 3.0 into 3.1 (type lists with null,
 * `null` alone, several types, a nullable `$ref`) is the same API, so the report finds no change;
 * a change of the 3.1 spec is found as in 3.0.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { specDiff } from "../../generator/specDiff/specDiff.js";

const TWIN_30 = "test/specDiff/fixtures/openapi30-twin/twilio_nullables_v1.yaml";
const SPEC_31 = "test/fixtures/openapi31/twilio_nullables_v1.yaml";
const work = mkdtempSync(join(tmpdir(), "spec-diff-31-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("spec-diff between OpenAPI 3.0 and 3.1", () => {
  it("finds no change between an API in 3.0 and the same API in 3.1", async () => {
    const report = await specDiff([TWIN_30], [SPEC_31]);
    expect({ breaking: report.breaking, additive: report.additive, services: report.services }).toEqual({
      breaking: 0,
      additive: 0,
      services: [],
    });
  });

  it("finds a 3.1 field's type changed", async () => {
    const changed = join(work, "twilio_nullables_v1.yaml");
    const text = readFileSync(SPEC_31, "utf8");
    writeFileSync(changed, text.replace('type: [string, "null"]', 'type: [integer, "null"]'));
    const report = await specDiff([TWIN_30], [changed]);
    expect(JSON.stringify(report.services)).toContain("nickname");
    expect(report.breaking).toBe(1);
  });
});
