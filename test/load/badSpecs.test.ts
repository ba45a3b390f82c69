/**
 * The catalog of bad input: one small spec in Twilio's layout per class of problem, each with the
 * message it must give. A bad spec stops the run with a GeneratorError naming the file, the place
 * (line:column, and the path inside the document: dotted for YAML, a JSON pointer for JSON), the
 * problem and the fix, and leaves `--out` exactly as it was. Problems that do not stop the run
 * are warnings in the run's summary.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/util/diagnostics.js";
import { generate } from "../../generator/generate.js";
import { checkTree } from "../../generator/load/documentTree.js";
import { parseYaml } from "../../generator/load/parseYaml.mjs";

const FIXTURES = "test/fixtures/bad-specs";
const work = mkdtempSync(join(tmpdir(), "bad-specs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An output folder from an earlier run, with a user's file beside it. */
function existingOutput(): string {
  const out = mkdtempSync(join(work, "out-"));
  mkdirSync(join(out, "notes"));
  writeFileSync(join(out, "index.ts"), "export const earlier = true;\n");
  writeFileSync(join(out, "notes", "index.ts"), "export class Notes {}\n");
  writeFileSync(join(out, "NOTES.md"), "mine\n");
  return out;
}

function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else files[relative(folder, path)] = readFileSync(path, "utf8");
    }
  };
  visit(folder);
  return files;
}

async function failure(fixture: string): Promise<{ error: unknown; untouched: boolean }> {
  const out = existingOutput();
  const before = snapshot(out);
  const error = await generate({ specs: [join(FIXTURES, fixture)], out, check: false }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { error, untouched: JSON.stringify(snapshot(out)) === JSON.stringify(before) };
}

const REF_FIX =
  "copy the referenced object under components (e.g. components.schemas) and refer to it as #/components/schemas/<Name>";
const AUTHOR = "components.schemas.notes.v1.note.properties.author.$ref";
const LAYOUT_FIX = "start from a spec in Twilio's layout: `openapi: 3.0.1`, `info`, `paths`";
const NO_TYPE = "with no object or array in between, it has no type";
const CYCLE_FIX =
  "break the cycle: refer back from a property (an object) or from `items` (an array), or drop the reference";
const NAME_FIX = "remove one of the two files, or give one a twilio_<domain>_<version> name of its own";
const MERGE_FIX = "merge the two entries into one, or remove one of them";
const ALIAS_FIX =
  "write the repeated parts out in full, or refer to a component with $ref (Twilio's specs use no anchors or aliases)";
const FRIENDLY_NAME = "components.schemas.notes.v1.note.properties.friendly_name";

describe("every bad spec stops the run with a located error and leaves --out untouched", () => {
  it.each([
    // given fixture → want the message: place, problem, fix
    [
      "yaml-syntax.yaml",
      ":30:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "correct the YAML syntax at that position",
    ],
    ["truncated.yaml", ":46:54: invalid YAML: Missing closing 'quote", "correct the YAML syntax at that position"],
    ["truncated.json", ":42:20: invalid JSON: Unterminated string", "correct the JSON syntax at that position"],
    [
      "duplicate-key.yaml",
      ':50:5 (at paths./v1/Notes/{Sid}.put): the key "put" appears twice in one mapping, first at 45:5 (YAML would silently keep only the last)',
      MERGE_FIX,
    ],
    [
      "duplicate-key-alias.yaml",
      ':73:5 (at paths./v1/Notes/{Sid}.post): the key "post", written as the alias *method, appears twice in one mapping, first at 46:5 (YAML would silently keep only the last)',
      MERGE_FIX,
    ],
    [
      "duplicate-key.json",
      ':78:9: the key "operationId" appears twice in one object, first at 77:9 (JSON.parse would silently keep only the last)',
      MERGE_FIX,
    ],
    [
      "key-collection.yaml",
      ":22:11 (at components.schemas.notes.v1.note.properties): a mapping key is a collection: OpenAPI's keys are names",
      "write the key as a plain string",
    ],
    [
      "alias-bomb.yaml",
      ":11:47 (at x-notes-bomb.a3.7): YAML aliases copy more than 10000 nodes in all: *a2 here copies 1111, after 8997 before it (a resource exhaustion attack?)",
      ALIAS_FIX,
    ],
    [
      "alias-amplification.yaml",
      ":18:5 (at x-notes-copies.9): YAML aliases copy more than 10000 nodes in all: *notes here copies 1001, after 9009 before it (a resource exhaustion attack?)",
      ALIAS_FIX,
    ],
    [
      "alias-recursive.yaml",
      ":8:9 (at x-notes-loop.next): the alias *loop is inside the node it copies (an endless document)",
      "write the repeated part out in full, or refer to a component with $ref",
    ],
    [
      "too-deep.yaml",
      ":22:1257 (at components.schemas.notes.v1.note.properties.history.items.items.items.items.items.items.items.items.…ms.items.items.items.items.items.items.items.items): the document nests deeper than 64 levels",
      "flatten the structure: move nested schemas under components.schemas and refer to them",
    ],
    [
      "too-deep-example.yaml",
      `:23:129 (at ${FRIENDLY_NAME}.example.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.….0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0): the document nests deeper than 64 levels`,
      "shorten the `example` value to at most 64 levels, or leave it out",
    ],
    [
      "too-deep-extension.yaml",
      `:22:86 (at ${FRIENDLY_NAME}.x-notes-history.0.0.0.0.0.0.0.0.0.0.0.0.0.….0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0): the document nests deeper than 64 levels`,
      "shorten the `x-notes-history` value to at most 64 levels, or leave it out",
    ],
    [
      "too-deep-default.json",
      ":31:82 (at /components/schemas/notes.v1.note/properties/friendly_name/default/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0…/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0): the document nests deeper than 64 levels",
      "shorten the `default` value to at most 64 levels, or leave it out",
    ],
    [
      "same-name",
      `/twilio_notes_v1.yaml: this spec and ${FIXTURES}/same-name/twilio_notes_v1.json have the same name, twilio_notes_v1: the output named after a spec (its schemas module) would hold only one of them`,
      NAME_FIX,
    ],
    ["not-a-mapping.yaml", ":1:1: the file is not an OpenAPI document (no top-level mapping)", LAYOUT_FIX],
    [
      "swagger-2.yaml",
      ":1:10 (at swagger): Swagger 2.0 documents are not supported: the generator reads OpenAPI 3.0 and 3.1",
      "convert the spec to OpenAPI 3.0 (e.g. with swagger2openapi), or use Twilio's spec/yaml files, which are OpenAPI 3.0",
    ],
    [
      "openapi-3-2.yaml",
      ":1:10 (at openapi): OpenAPI 3.2.0 is not supported: the generator reads OpenAPI 3.0.x and 3.1.x",
      "write the spec as OpenAPI 3.1 (`openapi: 3.1.0`) or 3.0",
    ],
    [
      "parameter-required-not-a-boolean.yaml",
      ":36:21 (at paths./v1/Notes/{Sid}.get.parameters.0.required): `required` must be true or false",
      "write `required: true` (or false)",
    ],
    [
      "openapi-3-1-dialect.yaml",
      ':3:20 (at jsonSchemaDialect): the schema dialect "http://json-schema.org/draft-04/schema#" is not one the generator reads',
      "remove `jsonSchemaDialect` (OpenAPI 3.1's own dialect is the default), or write one of https://spec.openapis.org/oas/3.1/dialect/base, https://json-schema.org/draft/2020-12/schema",
    ],
    [
      "openapi-3-1-exclusive-flag.yaml",
      ":26:29 (at components.schemas.notes.v1.note.properties.priority.exclusiveMinimum): `exclusiveMinimum` must be a number in OpenAPI 3.1",
      "write the bound itself (`exclusiveMinimum: 0`), not true or false as OpenAPI 3.0 did",
    ],
    [
      "openapi-3-1-type-list.yaml",
      ":22:26 (at components.schemas.notes.v1.note.properties.friendly_name.type.1): `type` must be a list of distinct types among string, number, integer, boolean, array, object, null",
      "write `type` as a list of distinct types among string, number, integer, boolean, array, object, null",
    ],
    ["paths-not-a-mapping.yaml", ":25:3 (at paths): `paths` must be a mapping", LAYOUT_FIX],
    [
      "api-standards-not-a-string.yaml",
      ":6:19 (at info.x-twilio.apiStandards): `apiStandards` must be a string",
      "quote it: `apiStandards: 'v1.0'`",
    ],
    [
      "ref-missing-component.yaml",
      `:23:17 (at ${AUTHOR}): $ref #/components/schemas/notes.v1.author does not resolve: components.schemas has no notes.v1.author`,
      "add notes.v1.author under components.schemas, or correct the reference",
    ],
    [
      "ref-external-file.yaml",
      `:23:17 (at ${AUTHOR}): $ref common.yaml#/components/schemas/author points outside this file`,
      REF_FIX,
    ],
    [
      "ref-url.yaml",
      `:23:17 (at ${AUTHOR}): $ref https://example.com/specs/common.yaml#/components/schemas/author points outside this file`,
      REF_FIX,
    ],
    [
      "ref-prototype.yaml",
      `:23:17 (at ${AUTHOR}): $ref #/__proto__ does not point to a component`,
      "refer to an entry of components, e.g. #/components/schemas/<Name>",
    ],
    [
      "ref-not-a-component.yaml",
      `:23:17 (at ${AUTHOR}): $ref #/paths/~1v1~1Notes~1{Sid}/get does not point to a component`,
      "refer to an entry of components, e.g. #/components/schemas/<Name>",
    ],
    [
      "ref-not-a-string.yaml",
      `:24:13 (at ${AUTHOR}): \`$ref\` must be a string`,
      "write the reference as '#/components/schemas/<Name>'",
    ],
    [
      "ref-circular.yaml",
      `:23:17 (at ${AUTHOR}): $ref #/components/schemas/notes.v1.writer is circular: it never reaches a definition`,
      "break the cycle: let one of the references define the object",
    ],
    [
      "schema-cycle-allof.yaml",
      `:17:17 (at components.schemas.notes.v1.author.allOf.0.$ref): the schema notes.v1.author is made of itself through allOf alone (notes.v1.author → notes.v1.writer → notes.v1.author): ${NO_TYPE}`,
      CYCLE_FIX,
    ],
    [
      "schema-cycle-oneof.yaml",
      `:18:17 (at components.schemas.notes.v1.author.oneOf.1.$ref): the schema notes.v1.author is made of itself through oneOf, $ref and anyOf alone (notes.v1.author → notes.v1.writer → notes.v1.pen_name → notes.v1.author): ${NO_TYPE}`,
      CYCLE_FIX,
    ],
    [
      "schema-not-a-mapping.yaml",
      ":23:11 (at components.schemas.notes.v1.note.properties.author): a schema must be a mapping",
      "write it as a mapping (or a $ref to a component)",
    ],
    [
      "schema-unknown-type.yaml",
      ":23:17 (at components.schemas.notes.v1.note.properties.author.type): `type` must be one of string, number, integer, boolean, array, object",
      "write `type` as one of string, number, integer, boolean, array, object, as OpenAPI 3.0 does",
    ],
    [
      "resource-not-an-object.yaml",
      ":44:17 (at paths./v1/Notes/{Sid}.get.responses.200.content.application/json.schema): the schema of the resource /Notes does not describe an object (`type: object`, not nullable)",
      "give the response schema `type: object` and its properties, or a $ref to such a component",
    ],
    [
      "method-collision.yaml",
      ":46:20 (at paths./v1/Notes/{Sid}.put.operationId): UpdateNote (POST /v1/Notes/{Sid}) and UpdateNoteFully (PUT /v1/Notes/{Sid}) both become the method `update` of the resource /Notes",
      "keep one of them, or give one another prefix (Create, Fetch, Update, Patch, Delete, List) or an `x-twilio.mountName` of its own",
    ],
    [
      "option-collision.yaml",
      ":66:19 (at paths./v1/Notes/{Sid}.post.requestBody.content.application/x-www-form-urlencoded.schema.properties.friendly_name): parameters FriendlyName and friendly_name both become the option `friendlyName`",
      "rename one of them, or remove the one the API does not read",
    ],
    [
      "request-content-type.yaml",
      ":60:13 (at paths./v1/Notes/{Sid}.post.requestBody.content.multipart/form-data): unsupported request body content type (multipart/form-data)",
      "use application/x-www-form-urlencoded or a JSON media type",
    ],
    [
      "response-content-type.yaml",
      ":43:15 (at paths./v1/Notes/{Sid}.get.responses.200.content.text/csv): unsupported response content type text/csv: the SDK reads JSON responses only",
      "declare application/json (or another JSON media type such as application/scim+json), or leave the operation out",
    ],
    [
      "operation-id-prefix.json",
      ":52:24 (at /paths/~1v1~1Notes~1{Sid}/get/operationId): operationId ReadNote does not start with Create, Fetch, Update, Patch, Delete or List",
      "rename it with one of those prefixes, as Twilio's specs do",
    ],
  ])("%s", async (fixture, place, fix) => {
    const { error, untouched } = await failure(fixture);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toBe(`${FIXTURES}/${fixture}${place}\n  fix: ${fix}`);
    expect(untouched).toBe(true);
  });

  it("the CLI prints the error, writes nothing and exits 2", () => {
    const out = existingOutput();
    const before = snapshot(out);
    const cli = spawnSync(
      process.execPath,
      ["generator/run.mjs", "--specs", `${FIXTURES}/duplicate-key.yaml`, "--out", out, "--no-cache"],
      { encoding: "utf8" },
    );
    expect([cli.status, cli.stderr]).toEqual([
      2,
      `error: ${FIXTURES}/duplicate-key.yaml:50:5 (at paths./v1/Notes/{Sid}.put): the key "put" appears twice in one mapping, first at 45:5 (YAML would silently keep only the last)\n` +
        "  fix: merge the two entries into one, or remove one of them\nnothing was written.\n",
    ]);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);

  it.each([
    // given --specs arguments → want the refused file and the other one the message names
    [
      "two files of one name",
      [`${FIXTURES}/same-name/twilio_notes_v1.yaml`, `${FIXTURES}/same-name/twilio_notes_v1.json`],
      `${FIXTURES}/same-name/twilio_notes_v1.yaml: this spec and ${FIXTURES}/same-name/twilio_notes_v1.json have the same name, twilio_notes_v1:`,
    ],
    [
      "two names apart from case, in two folders",
      [`${FIXTURES}/same-name/twilio_notes_v1.yaml`, "CASE/Twilio_Notes_V1.yaml"],
      `${FIXTURES}/same-name/twilio_notes_v1.yaml: this spec and CASE/Twilio_Notes_V1.yaml have the same name, twilio_notes_v1 (apart from case):`,
    ],
  ])("%s given as --specs arguments are refused, naming both", async (_, given, message) => {
    const folder = mkdtempSync(join(work, "case-"));
    writeFileSync(join(folder, "Twilio_Notes_V1.yaml"), readFileSync(given[0]!, "utf8"));
    const specs = given.map((spec) => spec.replace("CASE", folder));
    const out = join(work, "same-name-out");
    const error = await generate({ specs, out, check: false }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toBe(
      `${message.replace("CASE", folder)} the output named after a spec (its schemas module) would hold only one of them\n  fix: ${NAME_FIX}`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("one file given twice, spelt two ways, is read once", async () => {
    const out = join(work, "spelt-twice");
    const spec = `${FIXTURES}/same-name/twilio_notes_v1.yaml`;
    const { report } = await generate({ specs: [spec, `./${spec}`], out, check: false });
    expect(report.specs).toBe(1);
  }, 60_000);

  it("aliases count what they copy inside a YAML 1.1 ordered map too", () => {
    const anchor = `a: &notes [${Array(5_000).fill("note").join(", ")}]`;
    const text = `%YAML 1.1\n---\n${anchor}\nx: !!omap\n  - k: *notes\n  - j: *notes\n  - l: *notes\n`;
    expect(parseYaml(text)).toMatchObject({ error: { line: 6, column: 8, pointer: ["x", 1] } });
  });

  it("an alias bomb is refused in well under a second, not expanded", () => {
    const text = readFileSync(join(FIXTURES, "alias-bomb.yaml"), "utf8");
    const started = performance.now();
    const answer = parseYaml(text);
    const seconds = (performance.now() - started) / 1000;
    expect(answer).toMatchObject({ error: { line: 11, column: 47 } });
    // About 0.05 s; the bound leaves room for a busy two-core machine.
    expect(seconds).toBeLessThan(2);
  });

  it("few aliases of a large anchor are refused at the first one, before anything is copied", () => {
    // 99 uses of a 20,000-entry anchor: within a limit on alias uses, 2 million nodes once copied
    // (seconds and hundreds of MB); refused at the first use, the copies are never made.
    const anchor = `x-notes: &notes [${Array(20_000).fill("note").join(", ")}]\n`;
    const text = `${anchor}x-copies:\n${"  - *notes\n".repeat(99)}`;
    expect(parseYaml(text)).toEqual({
      error: {
        line: 3,
        column: 5,
        pointer: ["x-copies", 0],
        problem:
          "YAML aliases copy more than 10000 nodes in all: *notes here copies 20001, after 0 before it (a resource exhaustion attack?)",
        fix: ALIAS_FIX,
      },
    });
  });
});

describe("problems that change what is generated are warnings in the summary", () => {
  it.each([
    // given fixture → want the warning
    [
      "no-paths.yaml",
      ":24:8 (at paths): the spec has no paths: its domain gets no client",
      "add the API's paths, or leave the file out",
    ],
    [
      "token-paging-without-api-standards.yaml",
      ":76:7 (at paths./v1/Notes.get): the spec declares no `info.x-twilio.apiStandards`, so this List operation's token paging (PageToken, meta.next_token) is not followed: it reads one page",
      "add `x-twilio: {apiStandards: v1.0}` under `info` when the API follows Twilio's v1 API standards",
    ],
  ])(
    "%s",
    (fixture, place, fix) => {
      const out = join(work, `warned-${fixture}`);
      const cli = spawnSync(
        process.execPath,
        ["generator/run.mjs", "--specs", `${FIXTURES}/${fixture}`, "--out", out, "--no-cache"],
        { encoding: "utf8" },
      );
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain(`\nwarning: ${FIXTURES}/${fixture}${place}\n  fix: ${fix}\n`);
    },
    60_000,
  );
});

describe("which `$ref`s are checked", () => {
  const spec = (components: Record<string, unknown>, responses: Record<string, unknown> = {}) => ({
    openapi: "3.0.1",
    paths: { "/v1/Notes": { get: { operationId: "ListNote", responses } } },
    components,
  });
  const missing = { $ref: "#/components/schemas/missing" };

  it.each([
    // given a document → want the pointer of the refused `$ref`, or undefined when none is refused
    ["a property named $ref is a name", spec({ schemas: { Note: { properties: { $ref: { type: "string" } } } } })],
    ["example data is data", spec({ schemas: { Note: { type: "object", example: { $ref: 5 } } } })],
    ["a default value is data", spec({ schemas: { Note: { type: "object", default: missing } } })],
    ["extensions are not followed", spec({ schemas: { Note: { "x-twilio": missing } } })],
  ])("%s: accepted", (_, document) => {
    expect(() => checkTree("twilio_notes_v1.json", document)).not.toThrow();
  });

  it.each([
    [
      "a schema named example is a schema",
      spec({ schemas: { example: { properties: { a: missing } } } }),
      "/components/schemas/example/properties/a/$ref",
    ],
    ["the default response", spec({}, { default: missing }), "/paths/~1v1~1Notes/get/responses/default/$ref"],
    [
      "a property named default",
      spec({ schemas: { Note: { properties: { default: missing } } } }),
      "/components/schemas/Note/properties/default/$ref",
    ],
  ])("%s: refused", (_, document, pointer) => {
    expect(() => checkTree("twilio_notes_v1.json", document)).toThrow(
      `(at ${pointer}): $ref #/components/schemas/missing does not resolve`,
    );
  });
});
