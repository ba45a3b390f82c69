import { format } from "prettier";
import { describe, expect, it } from "vitest";
import {
  breakObjectArrayUnions,
  breakWideUnions,
  importViews,
  needsFormatter,
  PRINT_WIDTH,
} from "../../generator/render/codeLayout.js";

const prettier = (text: string) => format(text, { parser: "typescript", printWidth: PRINT_WIDTH });
const ref = (name: string) => `components["schemas"]["messaging.v1.service.${name}"]`;
const members = (count: number) => Array.from({ length: count }, (_, index) => `"value-number-${index}"`).join(" | ");

// Each layout rule must give exactly what prettier gives: prettier itself is the expected value.
describe("layout rules agree with prettier", () => {
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

  it("breakObjectArrayUnions: an array of objects or null", async () => {
    const text = `interface A {\n  prices?: {\n    base?: number;\n    tiers?: {\n      min?: number;\n    }[];\n  }[] | null;\n}\n`;
    expect(breakObjectArrayUnions(text)).toBe(await prettier(text));
    expect(needsFormatter(text)).toBe(true);
    expect(needsFormatter(breakObjectArrayUnions(text))).toBe(false);
  });

  const imports: [string, string[]][] = [
    ["a short import", ["A", "B"]],
    ["a wide import of several names", Array.from({ length: 12 }, (_, index) => `SomeLongClassName${index}`)],
  ];
  it.each(imports)("importViews: %s", async (_name, names) => {
    const [view] = importViews([{ from: "./module.js", names }]);
    const text = view!.multiline
      ? `import {\n${names.map((name) => `  ${name},\n`).join("")}} from "./module.js";\n`
      : `import { ${names.join(", ")} } from "./module.js";\n`;
    expect(text).toBe(await prettier(text));
  });
});

describe("needsFormatter", () => {
  const cases: [string, string, boolean][] = [
    ["code within the width", "const a = 1;\n", false],
    ["a wide doc comment", `/** ${"x".repeat(200)} */\nconst a = 1;\n`, false],
    ["a wide call", `const a = f(${"x, ".repeat(50)}y);\n`, true],
    ["a wide single-name import", `import { A } from "./${"x".repeat(150)}.js";\n`, false],
    [
      "a wide class with an empty body",
      `export class ${"A".repeat(70)}Page extends Page<${"A".repeat(60)}> {}\n`,
      false,
    ],
    ["an object or null", "type A = {\n  a: string;\n} | null;\n", false],
    ["an array of objects or null", "type A = {\n  a: string;\n}[] | null;\n", true],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(needsFormatter(text)).toBe(expected);
  });
});
