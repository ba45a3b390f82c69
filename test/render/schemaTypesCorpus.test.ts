/**
 * Every schema type the real specs make, written by the generator's emitter, is the text that
 * openapi-typescript's transforms and TypeScript's printer give (the oracle, test/support): each
 * spec's `components` and named types, each component schema on its own, and every schema a
 * resource module types, planned as a run plans them. The pinned release, the fixture specs, and
 * the older releases beside the checkout (absent: skipped locally, an error under CI).
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findSpecFiles } from "../../generator/load/specFiles.js";
import { loadSpecs, readSpecTexts } from "../../generator/load/loadSpec.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { Schema } from "../../generator/model/types.js";
import { planSdk } from "../../generator/plan/planSdk.js";
import { sdkPackage } from "../../generator/plan/sdkPackage.js";
import type { PlannedFile, RecursiveTypeView, TypeSource } from "../../generator/plan/views.js";
import { SchemaTypes } from "../../generator/render/schemaTypes.js";
import { contentHash } from "../../generator/util/contentHash.js";
import { CORPUS_LOCATION, corpusFolders, PINNED_RELEASE, REPO_ROOT } from "../support/corpus.js";
import { OracleSchemaTypes } from "../support/oracleSchemaTypes.js";

/** One set of schemas to type, as the render stage meets them: the texts both must give alike. */
interface Typing {
  schemas: Readonly<Record<string, Schema>>;
  named: readonly RecursiveTypeView[];
  /** The schemas typeOf is given, each at its path and indent. */
  types: readonly { schema: Schema; path: string; indent: number }[];
}

/** The SDK the specs under `folders` plan, as a run plans it. */
async function plannedFiles(folders: readonly string[]): Promise<PlannedFile[]> {
  const texts = readSpecTexts(findSpecFiles(folders));
  const models = (await loadSpecs(texts)).map(buildSpecModel);
  const identity = sdkPackage({}, { version: "0.0.0", typescript: "5.9.3", esbuild: "0.28.2" });
  return planSdk(mergeSpecs(models, texts), "runtime", "templates/static", identity).files;
}

/** What each schemas module and resource module of `files` types. */
function typings(files: readonly PlannedFile[]): Typing[] {
  return files.flatMap((file): Typing[] => {
    if (file.kind === "schemas") {
      const { components, recursiveTypes } = file.view;
      const own = Object.entries(components).map(([name, schema]) => ({
        schema,
        path: `#/components/schemas/${name}`,
        indent: 2,
      }));
      return [{ schemas: components, named: recursiveTypes, types: own }];
    }
    if (file.kind !== "resource") return [];
    const { components, resourceType, optionTypes } = file.view;
    const sources = [resourceType, ...optionTypes.flatMap((type) => type.fields.map((field) => field.type))];
    const types = sources.filter(
      (source): source is Exclude<TypeSource, { text: string }> => !!source && "schema" in source,
    );
    return [{ schemas: components, named: [], types }];
  });
}

/** Every text of one typing, or the error that stopped it. */
function texts(types: SchemaTypes | OracleSchemaTypes, { named, types: schemas }: Typing): string[] {
  try {
    return [
      types.components(),
      ...named.map((type) => types.namedType(type.schema)),
      ...schemas.map(({ schema, path, indent }) => types.typeOf(schema, path, indent)),
    ];
  } catch (error) {
    return [`error: ${(error as Error).message}`];
  }
}

/** Typings seen in an earlier set (the releases share most schemas): each is compared once per file. */
const compared = new Set<string>();

/** Compares every typing of `folders` not compared before; how many typings the folders hold (compared here or before). */
async function compareAll(folders: readonly string[]): Promise<number> {
  const all = typings(await plannedFiles(folders));
  for (const typing of all) {
    const key = contentHash(JSON.stringify(typing));
    if (compared.has(key)) continue;
    compared.add(key);
    const ours = texts(new SchemaTypes(typing.schemas, typing.named), typing);
    const theirs = texts(new OracleSchemaTypes(typing.schemas, typing.named), typing);
    // Compared one by one: a difference names its text.
    ours.forEach((text, index) => expect(text).toBe(theirs[index]));
    expect(ours.length).toBe(theirs.length);
  }
  return all.length;
}

describe("schema types of real and fixture specs, against openapi-typescript and TypeScript's printer", () => {
  it("the pinned release", async () => {
    expect(existsSync(PINNED_RELEASE), `${PINNED_RELEASE} is absent`).toBe(true);
    expect(await compareAll([PINNED_RELEASE])).toBeGreaterThan(500);
  }, 120_000);

  it("the fixture specs (every feature, hostile text, OpenAPI 3.1)", async () => {
    const fixtures = ["specs", "hostile", "openapi31"].map((folder) => join(REPO_ROOT, "test/fixtures", folder));
    expect(await compareAll(fixtures)).toBeGreaterThan(30);
  }, 60_000);

  // Absent, locally the releases are skipped with a warning; under CI the file fails (support/corpus.ts).
  for (const location of corpusFolders()) {
    it(`the release of ${basename(location)} in ${CORPUS_LOCATION}`, async () => {
      await compareAll([location]);
    }, 120_000);
  }
});
