/**
 * Each spec is checked and modelled as soon as its parser thread hands it over, in whatever order
 * the threads finish; the error a run with several bad specs stops with does not depend on that
 * order: a syntax error first, then a load (check) error, then a model error, and among equals the
 * first spec's in spec order. Nothing is written.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { loadEach, type SpecText } from "../../generator/load/loadSpec.js";

const BAD = "test/fixtures/bad-specs";
const GOOD = "test/fixtures/specs";
const work = mkdtempSync(join(tmpdir(), "error-order-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fixture's text; `padding` lines of an extension make it that much slower to parse. */
function fixture(name: string, padding = 0): string {
  const text = readFileSync(join(BAD, name), "utf8");
  const lines = Array.from({ length: padding }, (_, index) => `  line_${index}: some padding text ${index}`);
  return padding === 0 ? text : `${text}x-padding:\n${lines.join("\n")}\n`;
}

/** Runs the generator on these specs (file name → text) in a fresh folder; the error's message, and whether `out` stayed empty. */
async function failure(specs: Record<string, string>): Promise<{ message: string; written: string[] }> {
  const run = mkdtempSync(join(work, "run-"));
  const [folder, out] = [join(run, "specs"), join(run, "out")];
  mkdirSync(folder);
  mkdirSync(out);
  for (const [name, text] of Object.entries(specs)) writeFileSync(join(folder, name), text);
  const error = await generate({ specs: [folder], out, check: false }).then(
    () => new Error("the run did not fail"),
    (thrown: Error) => thrown,
  );
  return { message: error.message, written: readdirSync(out) };
}

const SYNTAX = "invalid YAML";
const CHECK = "does not resolve";
const MODEL = "UpdateNote (POST";

describe("several bad specs: the run stops with the same error whichever thread finishes first", () => {
  it.each([
    // given the specs in spec order → want the error of
    ["a check error, then a syntax error", ["ref-missing-component.yaml", "yaml-syntax.yaml"], "b", SYNTAX],
    ["a model error, then a check error", ["method-collision.yaml", "ref-missing-component.yaml"], "b", CHECK],
    ["two check errors", ["ref-missing-component.yaml", "ref-missing-component.yaml"], "a", CHECK],
    ["two model errors", ["method-collision.yaml", "method-collision.yaml"], "a", MODEL],
    ["two syntax errors", ["yaml-syntax.yaml", "yaml-syntax.yaml"], "a", SYNTAX],
  ])("%s", async (_case, [first, second], want, problem) => {
    // The first spec is the slowest to parse: its thread answers last.
    const { message, written } = await failure({
      "twilio_a_v1.yaml": fixture(first!, 10_000),
      "twilio_b_v1.yaml": fixture(second!),
    });
    expect(message).toContain(`twilio_${want}_v1.yaml`);
    expect(message).toContain(problem);
    expect(written).toEqual([]);
  });

  it("a YAML syntax error comes before a later JSON spec's, though the JSON spec is read on this thread first", async () => {
    const { message, written } = await failure({
      "twilio_a_v1.yaml": fixture("yaml-syntax.yaml", 10_000),
      "twilio_b_v1.json": '{ "openapi": ',
    });
    expect(message).toContain("twilio_a_v1.yaml");
    expect(message).toContain(SYNTAX);
    expect(written).toEqual([]);
  });

  it("a bad spec among good ones stops the run whichever its place", async () => {
    const good = Object.fromEntries(readdirSync(GOOD).map((name) => [name, readFileSync(join(GOOD, name), "utf8")]));
    const { message, written } = await failure({ ...good, "twilio_zz_v1.yaml": fixture("method-collision.yaml") });
    expect(message).toContain("twilio_zz_v1.yaml");
    expect(message).toContain(MODEL);
    expect(written).toEqual([]);
  });
});

describe("loadEach", () => {
  it("hands a spec over as soon as it is loaded, and gives the results in spec order", async () => {
    const yaml = readFileSync(join(GOOD, "twilio_ledger_v1.yaml"), "utf8");
    const specs: SpecText[] = [
      { file: "twilio_ledger_v1.yaml", text: yaml },
      { file: "twilio_notes_v1.json", text: JSON.stringify(JSON_SPEC) },
    ];
    const handed: string[] = [];
    const results = await loadEach(specs, (spec) => (handed.push(spec.name), spec.name));
    // The JSON spec parses on this thread, while the YAML spec is still on its parser thread.
    expect(handed).toEqual(["twilio_notes_v1", "twilio_ledger_v1"]);
    expect(results).toEqual(["twilio_ledger_v1", "twilio_notes_v1"]);
  });
});

describe("loadEach, one file given twice (spec-diff's two sets)", () => {
  it("loads it at both places", async () => {
    const yaml = readFileSync(join(GOOD, "twilio_ledger_v1.yaml"), "utf8");
    const spec = { file: "twilio_ledger_v1.yaml", text: yaml };
    const results = await loadEach([spec, spec], (loaded) => Object.keys(loaded.document.paths).length);
    expect(results).toHaveLength(2);
    expect(results[0]).toBeGreaterThan(0);
    expect(results[1]).toBe(results[0]);
  });
});

const JSON_SPEC = {
  openapi: "3.0.1",
  info: { title: "Twilio - Notes", version: "1.0.0" },
  servers: [{ url: "https://notes.twilio.com" }],
  paths: {},
};
