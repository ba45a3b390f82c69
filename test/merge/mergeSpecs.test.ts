import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/util/diagnostics.js";
import { loadSpecs, readSpecTexts, type SpecText } from "../../generator/load/loadSpec.js";
import { findSpecFiles } from "../../generator/load/specFiles.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { SpecModel } from "../../generator/model/types.js";

const FIXTURES = "test/fixtures/layouts";
const scratch = mkdtempSync(join(tmpdir(), "merge-stage-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The models and texts of fixture folders, copied into `scratch` so that a test may change the files. */
async function modelsOf(...folders: string[]): Promise<{ texts: SpecText[]; models: SpecModel[] }> {
  const copies = folders.map((folder) => {
    const copy = join(scratch, `${folder}-${Math.random().toString(36).slice(2)}`);
    cpSync(join(FIXTURES, folder), copy, { recursive: true });
    return copy;
  });
  const texts = readSpecTexts(findSpecFiles(copies));
  return { texts, models: (await loadSpecs(texts)).map(buildSpecModel) };
}

describe("the merge stage", () => {
  it("gives one domain per host, by host, with the versions merged across its files by the spec's facts alone", async () => {
    const { texts, models } = await modelsOf("two-files-one-version", "sdk-edition");

    const merged = mergeSpecs(models, texts);

    expect(merged.specs).toBe(models);
    expect(
      merged.domains.map((domain) => ({
        host: domain.host,
        specs: domain.specs.map((spec) => spec.name).sort(),
        versions: domain.versions.map((version) => [version.name, version.resources.map((node) => node.identity)]),
      })),
    ).toEqual([
      {
        host: "gadgets",
        specs: ["twilio_gadgets_parts", "twilio_gadgets_v1"],
        versions: [["v1", ["/Bins", "/Gadgets"]]],
      },
      {
        host: "widgets",
        specs: ["twilio_widgets_sdk", "twilio_widgets_v1"],
        versions: [["v1", ["/Widgets"]]],
      },
    ]);
  });

  it("places a conflict in the texts it is given, not in the files as they are now", async () => {
    const { texts, models } = await modelsOf("conflict");
    // The files change after the run read them: the error still points into what was read.
    for (const { file } of texts) writeFileSync(file, "# rewritten\n");

    const merging = () => mergeSpecs(models, texts);

    expect(merging).toThrow(GeneratorError);
    expect(merging).toThrow(/twilio_gizmos_v1\.yaml:18:7 \(at paths\.\/v1\/Gizmos\/\{Sid\}\.get\): resource \/Gizmos/);
    expect(merging).toThrow(/defined here and at \S+twilio_gizmos_extra\.yaml:18:7 /);
  });

  it("names the file and the place alone for a text the run does not hold", async () => {
    const { models } = await modelsOf("conflict");

    expect(() => mergeSpecs(models, [])).toThrow(
      /twilio_gizmos_v1\.yaml \(at paths\.\/v1\/Gizmos\/\{Sid\}\.get\): resource \/Gizmos is defined here/,
    );
  });
});
