import { describe, expect, it } from "vitest";
import {
  docComment,
  identifier,
  lineComment,
  markdownCode,
  markdownText,
  memberAccess,
  propertyKey,
  stringLiteral,
} from "../../generator/render/escape.js";

describe("the escaping rule of each output context", () => {
  it.each([
    ["sync", '"sync"'],
    ['a"+eval("globalThis.X=42")+"', '"a\\"+eval(\\"globalThis.X=42\\")+\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["\u2028\u2029", '"\\u2028\\u2029"'],
    ["${globalThis.X}`", '"${globalThis.X}`"'],
    ["nul \0 esc \x1b del \x7f nel \x85", '"nul \\u0000 esc \\u001b del \\u007f nel \\u0085"'],
    ["a\u202eb\u2066c", '"a\\u202eb\\u2066c"'],
    ["layout marks \ue000\ue00f", '"layout marks \\ue000\\ue00f"'],
  ])("stringLiteral(%j) = %s", (given, want) => {
    expect(stringLiteral(given)).toBe(want);
    expect(new Function(`return ${want};`)()).toBe(given);
  });

  it.each([
    ["pageSize", "pageSize"],
    ["StartTime<", '"StartTime<"'],
    ["x-y", '"x-y"'],
    ['we"ird*/', '"we\\"ird*/"'],
    ["2fa", '"2fa"'],
    ["__proto__", '["__proto__"]'],
    ["constructor", "constructor"],
  ])("propertyKey(%j) = %s", (given, want) => expect(propertyKey(given)).toBe(want));

  it("propertyKey makes an own property of `__proto__` in an object literal", () => {
    const object = new Function(`return { ${propertyKey("__proto__")}: "value" };`)();
    expect([Object.keys(object), Object.getPrototypeOf(object)]).toEqual([["__proto__"], Object.prototype]);
  });

  it.each([
    ["Sid", "this.params.Sid"],
    ["Start<", 'this.params["Start<"]'],
    ['"]; globalThis.X = 1; //', 'this.params["\\"]; globalThis.X = 1; //"]'],
  ])("memberAccess(this.params, %j) = %s", (given, want) => expect(memberAccess("this.params", given)).toBe(want));

  it.each([["Widget"], ["fetchTask"], ["_2fa"]])("identifier(%j) passes", (name) =>
    expect(identifier(name)).toBe(name),
  );

  it.each([[""], ["delete"], ["class"], ["a-b"], ["2fa"], ['x"'], ["undefined"]])("identifier(%j) throws", (name) =>
    expect(() => identifier(name)).toThrow(/not a valid declaration name/),
  );

  it.each([
    [undefined, 0, ""],
    ["One line.", 0, "/** One line. */"],
    ["Ends */ globalThis.X = 1; /*", 0, "/** Ends *\\/ globalThis.X = 1; /* */"],
    ["Two\nlines", 2, "/**\n   * Two\n   * lines\n   */"],
    ["CR\rLS\u2028end", 0, "/**\n * CR\n * LS\n * end\n */"],
    ["@param x is no tag", 0, "/** \\@param x is no tag */"],
    [
      "Text\n  @returns nor this, nor @deprecated mid-line",
      0,
      "/**\n * Text\n *   \\@returns nor this, nor \\@deprecated mid-line\n */",
    ],
    ["a@b.c and {@link X} stay", 0, "/** a@b.c and {@link X} stay */"],
    ["nul \0 tab \t override \u202e", 0, "/** nul \\u0000 tab \t override \\u202e */"],
  ])("docComment(%j, %d) = %j", (given, indent, want) => expect(docComment(given, indent)).toBe(want));

  it.each([
    ["twilio_sync_v1.yaml", "twilio_sync_v1.yaml"],
    ["twilio_x\nglobalThis.X=42;\n_v1.yaml", "twilio_x globalThis.X=42; _v1.yaml"],
    ["a\r\nb\u2028c\u2029d\re", "a b c d e"],
    ["twilio_\0\u202e_v1.yaml", "twilio_\\u0000\\u202e_v1.yaml"],
  ])("lineComment(%j) = %j", (given, want) => expect(lineComment(given)).toBe(want));

  it.each([
    ["sync.v1.services(Sid).fetch()", "`sync.v1.services(Sid).fetch()`"],
    ["a`b", "``a`b``"],
    ["`a``", "``` `a`` ```"],
    ["two\nlines", "`two lines`"],
    ["nul\0", "`nul\\u0000`"],
  ])("markdownCode(%j) = %s", (given, want) => expect(markdownCode(given)).toBe(want));

  it.each([
    ["UpdateTask", "UpdateTask"],
    ["Fetch_[link](x)", "Fetch\\_\\[link\\]\\(x\\)"],
    ["<script>\n# heading", "\\<script\\> \\# heading"],
    ["nul\0", "nul\\\\u0000"],
  ])("markdownText(%j) = %s", (given, want) => expect(markdownText(given)).toBe(want));
});
