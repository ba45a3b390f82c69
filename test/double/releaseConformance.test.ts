/**
 * Every operation of the pinned release (specs/twilio-oai) exercised against the double of
 * generated/, each answer checked against the spec's response schema by a JSON-Schema validator
 * (Ajv, in-process). Operations that do not conform are listed, with the reason, in
 * knownNonconformant.ts; this test keeps that list exact. Prints the figures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTwilioDouble } from "../../generated/testing/index.js";
import { exerciseSpec, type SpecDocument, type Verdict } from "./conformance.js";
import { KNOWN_NONCONFORMANT } from "./knownNonconformant.js";
import { pinnedRelease } from "../support/corpus.js";

const RELEASE = pinnedRelease();
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

describe("the pinned release's double, checked against the specs' response schemas", () => {
  it("answers every operation, conformant but for the reviewed list", { timeout: 240_000 }, async () => {
    const files = readdirSync(RELEASE).filter((file) => /^twilio_.+\.ya?ml$/.test(file));
    const verdicts: Verdict[] = [];
    let declared = 0;
    for (const file of files.sort()) {
      const document = parse(readFileSync(join(RELEASE, file), "utf8")) as SpecDocument;
      for (const item of Object.values(document.paths))
        declared += Object.keys(item).filter((key) => METHODS.has(key)).length;
      verdicts.push(...(await exerciseSpec(file.replace(/\.ya?ml$/, ""), document, createTwilioDouble())));
    }

    const failing = verdicts.filter((verdict) => verdict.problem !== undefined);
    const listed = new Map(KNOWN_NONCONFORMANT.flatMap((group) => group.operations.map((name) => [name, group])));
    const unexplained = failing.filter((verdict) => {
      const group = listed.get(verdict.operation);
      return group === undefined || !group.problem.test(verdict.problem!);
    });
    const nowConformant = [...listed.keys()].filter((name) => !failing.some((verdict) => verdict.operation === name));
    console.log(
      `double conformance: ${verdicts.length} operations exercised, ${verdicts.length - failing.length} conformant, ` +
        `${failing.length} listed in knownNonconformant.ts`,
    );

    expect(verdicts).toHaveLength(declared);
    expect(verdicts.filter((verdict) => verdict.answeredBy === "none")).toEqual([]);
    expect(unexplained).toEqual([]);
    expect(nowConformant, "conformant now: remove them from knownNonconformant.ts").toEqual([]);
  });
});
