import { format } from "prettier";
import { describe, expect, it } from "vitest";
import {
  breakAfter,
  breakObjectArrayUnions,
  breakWideIntersections,
  breakWideUnions,
  fluid,
  ITEM,
  layOut,
  list,
  PRINT_WIDTH,
  union,
} from "../../generator/render/codeLayout.js";
import { layoutText, MARK } from "../../generator/render/layoutDoc.js";

const prettier = (text: string) =>
  format(text, { parser: "typescript", printWidth: PRINT_WIDTH, trailingComma: "all", endOfLine: "lf" });
const ref = (name: string) => `components["schemas"]["messaging.v1.service.${name}"]`;
const members = (count: number) => Array.from({ length: count }, (_, index) => `"value-number-${index}"`).join(" | ");
const items = (...names: string[]) => names.map((name) => `${ITEM}${name}`).join("");
const names = (count: number, stem = "someLongArgumentName") =>
  Array.from({ length: count }, (_, index) => `${stem}${index}`);
const strings = (count: number) => names(count, "fieldName").map((name) => `"${name}"`);
const call = (args: string[], layout = {}) => list("(", ")", items(...args), layout);
const tuple = (...cells: string[]) => list("[", "]", items(...cells));
const table = (...rows: string[]) => list("[", "]", items(...rows), { rows: true });
const object = (...entries: string[]) => list("{", "}", items(...entries), { spaced: true });
const declareFields = (...rows: string[]) => `declareFields${call(["this", table(...rows)], { hug: true })};\n`;

// Each construct, wide and narrow, laid out by layOut: prettier itself is the expected value; the
// flag says whether the text takes more than one line, so that both layouts of each are exercised.
describe("the layout constructs agree with prettier", () => {
  const constructs: [string, string, boolean][] = [
    ["call arguments that fit", `f${call(names(2))};\n`, false],
    ["call arguments too wide", `requestPage${call(names(7))};\n`, true],
    [
      "a call as the only argument, too wide",
      `await this.client.request${call([`operationRequest${call(names(4, "deleteSipAuthCallsCredentialList"))}`])};\n`,
      true,
    ],
    [
      "parameters with a rest parameter (no trailing comma)",
      `class A {\n  async fetch${call([`options: ${"VeryLong".repeat(10)}Options = {}`, "...callback: NoCallback"], { comma: false })}: Promise<boolean> {}\n}\n`,
      true,
    ],
    [
      "a last object argument hugged",
      `const instance = new Instance${call(["this.client", "response", "{\n  accountSid: this.params.AccountSid,\n}"], { hug: true })};\n`,
      true,
    ],
    ["a tuple table: two or more rows always break", declareFields(tuple('"a"', '"b"'), tuple('"c"', '"d"')), true],
    ["a tuple table of one row that fits", declareFields(tuple('"a"', '"b"')), false],
    [
      "a tuple table of one row too wide, with an object too wide",
      declareFields(tuple('"phoneNumbers"', '"objects"', object(...strings(12).map((s) => `${s.slice(1, -1)}: ${s}`)))),
      true,
    ],
    [
      "type arguments with a union that fits on its own line",
      `export class AContext extends ResourceHandle${list("<", ">", items(union(items(...strings(6)))), { comma: false })} {}\n`,
      true,
    ],
    [
      "type arguments with a union too wide for its own line",
      `export interface AInstance extends Pick${list("<", ">", items("AContext", union(items(...strings(12)))), { comma: false })} {}\n`,
      true,
    ],
    [
      "a single type argument too wide (a field read as a date)",
      `class A {\n  declare readonly portInTargetDateCreated: ParsedDate${list("<", ">", items(`${"Long".repeat(14)}Resource["port_in_target_date_created"]`), { comma: false })};\n}\n`,
      true,
    ],
    [
      "a spaced object that fits",
      `const SDK = ${list("{", "}", items('name: "a"', 'version: "1"'), { spaced: true })};\n`,
      false,
    ],
    [
      "an import of several names, too wide",
      `import ${list("{", "}", items(...names(8, "SomeLongClassName")), { spaced: true, breakOne: false })} from "./module.js";\n`,
      true,
    ],
    [
      "an import of one name, too wide, that prettier keeps on its line",
      `import ${list("{", "}", items("A"), { spaced: true, breakOne: false })} from "./${"x".repeat(130)}.js";\n`,
      false,
    ],
    [
      "an arrow body moved below its arrow",
      `const wrap = (item: PageItem) =>${breakAfter(`new ${"Long".repeat(20)}Instance${call(["this.client", "item", "this.params"], { hug: true })}`)};\n`,
      true,
    ],
    ["a wide string moved below its key", `const a = {\n  fields:${breakAfter(`"${"x".repeat(120)}"`)},\n};\n`, true],
    ["a type alias of an object type", `export type AResource =${fluid("{\n  a?: string;\n}")};\n`, true],
    [
      "a type alias of a wide reference",
      `export type ${"Long".repeat(10)}Resource =${fluid(ref("tollfree_verification_enum_business_registration"))};\n`,
      true,
    ],
  ];
  it.each(constructs)("%s", async (_name, marked, breaks) => {
    const laidOut = layOut(marked);
    expect(laidOut).toBe(await prettier(laidOut));
    expect(laidOut.trimEnd().includes("\n")).toBe(breaks);
  });
});

// A line that just fits stays whole and one column more breaks it, as prettier decides: the
// longest padding that keeps each construct on one line makes it exactly the print width.
describe("the layout constructs break at the print width, as prettier does", () => {
  const constructs: [string, (pad: string) => string][] = [
    ["call arguments", (pad) => `f${call([`${pad}a`, "b", "c"])};\n`],
    [
      "type arguments with a union",
      (pad) => `type A = B${list("<", ">", items(`${pad}C`, union(items('"d"', '"e"'))), { comma: false })};\n`,
    ],
    ["a last argument hugged", (pad) => `g${call([`${pad}a`, object("b: c", "d: e")], { hug: true })};\n`],
    [
      "an arrow body",
      (pad) => `const w = (item: I) =>${breakAfter(`new ${pad}A${call(["this.client", "item"], { hug: true })}`)};\n`,
    ],
    [
      "a type alias",
      (pad) => `export type ${pad}A =${fluid(ref("tollfree_verification_enum_business_registration"))};\n`,
    ],
    ["an indented call", (pad) => `function a() {\n  return ${pad}f${call(["a", "b"])};\n}\n`],
  ];
  it.each(constructs)("%s", async (_name, build) => {
    const lines = (text: string) => text.split("\n");
    const oneLine = (pad: number) => lines(layOut(build("x".repeat(pad)))).length === lines(build("")).length;
    let pad = 0;
    while (oneLine(pad + 1)) pad++;
    const fits = layOut(build("x".repeat(pad)));
    const wide = layOut(build("x".repeat(pad + 1)));

    expect(Math.max(...lines(fits).map((line) => line.length))).toBe(PRINT_WIDTH);
    expect(fits).toBe(await prettier(fits));
    expect(wide).toBe(await prettier(wide));
  });
});

describe("layoutText", () => {
  it("leaves text without marks as it is", () => {
    const text = `const a = f(${"x, ".repeat(50)}y);\n`;
    expect(layoutText(text, PRINT_WIDTH)).toBe(text);
  });

  it.each([
    ["a mark closed that was never opened", `a${MARK.end}`, /closed that was never opened/],
    ["a mark left open", `a${MARK.group}b`, /left open/],
    ["an item separator outside a list", `a${ITEM}b`, /U\+e00f outside the construct it belongs to/],
  ])("refuses %s", (_name, text, want) => {
    expect(() => layoutText(text, PRINT_WIDTH)).toThrow(want);
  });

  it("shifts the template's own lines by the indentation a break adds", () => {
    const text = `    x =${breakAfter(`new A${call(["b", "{\n      c: d,\n    }"], { hug: true })}`)};\n`;
    expect(layoutText(text, 20)).toBe("    x =\n      new A(b, {\n        c: d,\n      });\n");
  });
});

// TypeScript's printer writes schema types without breaking unions: these passes break them as prettier does.
describe("schema type layout agrees with prettier", () => {
  const unions: [string, string][] = [
    ["a union that fits on the next line", `interface A {\n  status?: ${members(6)};\n}\n`],
    ["a union too wide for the next line", `interface A {\n  status?: ${members(9)} | null;\n}\n`],
    ["an array of a wide union", `interface A {\n  "kinds-of": (${members(9)})[];\n}\n`],
    ["a union in quotes with a bar inside", `interface A {\n  s: ${members(6)} | "a | b";\n}\n`],
    ["a short union, left alone", `interface A {\n  s: "a" | "b";\n}\n`],
    ["an array of a wide union, or null", `interface A {\n  kinds?: (${members(9)})[] | null;\n}\n`],
    [
      "schema references on the next line",
      `interface A {\n  "a.response": ${ref("us_app_to_person")} | ${ref("x")};\n}\n`,
    ],
    [
      "schema references one per line",
      `interface A {\n  "a.response": ${ref("us_app_to_person")} | ${ref("us_app_to_person_v2")};\n}\n`,
    ],
    [
      "a lone wide reference, left alone",
      `interface A {\n  registration_authority?: ${ref("tollfree_verification_enum_business_registration_authority")};\n}\n`,
    ],
    [
      "an array of a reference, or null",
      `interface A {\n  "messaging.v2.channels_sender.offline_reasons": ${ref("channels_sender.offline_reasons.items")}[] | null;\n}\n`,
    ],
  ];
  it.each(unions)("breakWideUnions: %s", async (_name, text) => {
    expect(breakWideUnions(text)).toBe(await prettier(text));
  });

  const intersections: [string, string][] = [
    [
      "a reference with required fields (required beside allOf, a $ref with siblings)",
      `interface A {\n  destination?: ${ref("refsiblings.v1.address")} & Required<Pick<${ref("refsiblings.v1.address")}, "street">>;\n}\n`,
    ],
    [
      "three wide references",
      `interface A {\n  b: ${ref("first_long_reference")} & ${ref("second_long_reference")} & ${ref("third")};\n}\n`,
    ],
    ["a short intersection, left alone", `interface A {\n  c: ${ref("x")} & ${ref("y")};\n}\n`],
  ];
  it.each(intersections)("breakWideIntersections: %s", async (_name, text) => {
    expect(breakWideIntersections(text)).toBe(await prettier(text));
  });

  it("breakObjectArrayUnions: an array of objects or null", async () => {
    const text = `interface A {\n  prices?: {\n    base?: number;\n    tiers?: {\n      min?: number;\n    }[];\n  }[] | null;\n}\n`;
    expect(breakObjectArrayUnions(text)).toBe(await prettier(text));
  });
});
