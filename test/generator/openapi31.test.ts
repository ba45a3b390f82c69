/**
 * OpenAPI 3.1 end to end with our own fixtures (test/fixtures/openapi31/, one spec per construct,
 * and a 3.0 spec in the same run): the SDK they give type-checks strictly and is in prettier's
 * layout, each construct has the TypeScript type its schema means, `decimal` is warned about at
 * its place, and the Twilio double answers what the 3.1 schemas as written (JSON Schema 2020-12,
 * checked by Ajv) allow.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatDiagnostic } from "../../generator/util/diagnostics.js";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { filesPrettierWouldChange } from "./prettierCheck.js";
import { typeCheck } from "./typeCheck.js";

const SPECS = "test/fixtures/openapi31";
const out = mkdtempSync(join(tmpdir(), "sdk-openapi31-"));
let result: GenerateResult;

beforeAll(async () => {
  result = await generate({ specs: [SPECS], out, check: false });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("an SDK from OpenAPI 3.1 specs beside a 3.0 one", () => {
  it("type-checks with strict and no diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"), { noUnusedLocals: true })).toEqual([]);
    expect(typeCheck(join(out, "testing/index.ts"), { noUnusedLocals: true })).toEqual([]);
  }, 60_000);

  it("is already in prettier's layout, every file", async () => {
    const files = readFileSync(join(out, ".generated-files"), "utf8").trim().split("\n");
    expect(await filesPrettierWouldChange(out, files)).toEqual([]);
  }, 60_000);

  it("warns about each `type: decimal`, naming the file, the line and the place", () => {
    expect(result.report.warnings.map(formatDiagnostic)).toEqual([
      `${SPECS}/twilio_decimals_v1.yaml:25:17 (at components.schemas.decimals.v1.price.properties.amount.type): \`type: decimal\` is not an OpenAPI type: it is read as \`type: number\`\n  fix: write \`type: number\` (with a \`format\` if the precision matters)`,
      `${SPECS}/twilio_decimals_v1.yaml:27:18 (at components.schemas.decimals.v1.price.properties.tax.type.0): \`type: decimal\` is not an OpenAPI type: it is read as \`type: number\`\n  fix: write \`type: number\` (with a \`format\` if the precision matters)`,
    ]);
  });
});

describe("each construct's type", () => {
  it.each([
    ["nullables", "nickname?: string | null;"],
    ["nullables", "reading?: number | null;"],
    ["nullables", "retired?: null;"],
    ["nullables", "label_or_number?: string | number;"],
    ["nullables", 'unit?: components["schemas"]["nullables.v1.unit"] | null;'],
    ["constants", 'kind?: "badge";'],
    ["constants", "tier?: 2;"],
    ["examples", "color?: string;"],
    ["refsiblings", 'status?: "sent" | "delivered";'],
    ["refsiblings", 'origin?: components["schemas"]["refsiblings.v1.address"];'],
    ["tuples", "position?: [number, number];"],
    ["tuples", "tags?: (string | number)[];"],
    ["bounds", "ratio?: number;"],
    ["dialect", "body?: string;"],
    ["decimals", "tax?: number | null;"],
  ])("twilio_%s_v1: %s", (spec, line) => {
    const text = readFileSync(join(out, `schemas/twilio_${spec}_v1.ts`), "utf8");
    expect(text.split("\n").map((each) => each.trim())).toContain(line);
  });

  it.each([
    ["refsiblings/v1/parcel.ts", "refsiblings.v1.address", "street"],
    ["required/v1/member.ts", "required.v1.profile", "name"],
  ])("%s: `required` beside an allOf's $ref is TypeScript's own Required<Pick<>>", (file, schema, key) => {
    const text = readFileSync(join(out, file), "utf8").replace(/\s+/g, " ");
    const component = `components["schemas"]["${schema}"]`;
    expect(text).toContain(`${component} & Required<Pick<${component}, "${key}">>`);
    expect(text).not.toContain("WithRequired");
  });
});

type Double = { fetch: typeof fetch };

describe("the Twilio double answers what the 3.1 schemas allow", () => {
  let createTwilioDouble: (options?: { seed?: number }) => Double;
  beforeAll(async () => {
    ({ createTwilioDouble } = await import(pathToFileURL(join(out, "testing/index.ts")).href));
  });

  it.each([
    ["nullables", "Gauges", "nullables.v1.gauge"],
    ["constants", "Badges", "constants.v1.badge"],
    ["examples", "Samples", "examples.v1.sample"],
    ["refsiblings", "Parcels", "refsiblings.v1.parcel"],
    ["tuples", "Markers", "tuples.v1.marker"],
    ["bounds", "Meters", "bounds.v1.meter"],
    ["dialect", "Notes", "dialect.v1.note"],
    ["decimals", "Prices", "decimals.v1.price"],
    ["required", "Members", "required.v1.member"],
  ])("twilio_%s_v1: a created %s and its fetch match %s", async (spec, collection, schema) => {
    // `decimal` is no JSON Schema type: the schema means a number (and says so in a warning).
    const text = readFileSync(join(SPECS, `twilio_${spec}_v1.yaml`), "utf8").replace(/\bdecimal\b/g, "number");
    const document = parse(text) as object;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "spec", ...document });
    const validate = ajv.getSchema(`spec#/components/schemas/${schema}`)!;
    const double = createTwilioDouble({ seed: 1 });
    const list = `https://${spec}.twilio.com/v1/${collection}`;
    const created = await double.fetch(list, { method: "POST" });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { sid: string };
    expect({ body, errors: validate(body) ? [] : validate.errors }).toEqual({ body, errors: [] });
    const fetched = await (await double.fetch(`${list}/${body.sid}`)).json();
    expect({ fetched, errors: validate(fetched) ? [] : validate.errors }).toEqual({ fetched, errors: [] });
  });
});
