/**
 * The quick reading of YAML (js-yaml) must give exactly what the `yaml` library gives, and must
 * leave to the library every text that it could read otherwise, above all every invalid one, and
 * every text that could pass a bound (anchors, nesting).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { dataFromYaml } from "../../generator/load/yamlData.mjs";
import { pinnedRelease } from "../support/corpus.js";

/** What the parser threads produced before the fast reading: the library's data, or its first error. */
function libraryData(text: string): { data: unknown } | { error: string } {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) return { error: document.errors[0]!.message };
  return { data: document.toJS({ maxAliasCount: -1 }) };
}

const specTexts = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => [name, readFileSync(join(folder, name), "utf8")] as const);

describe("reading YAML quickly with js-yaml", () => {
  it.each([
    // given YAML → want the same data as the library
    [
      "scalars of the core schema",
      "a: 1\nb: -2.5\nc: true\nd: null\ne: ~\nf: 0x1F\ng: .inf\nh: 1e3\ni: text\nj: 2024-01-02",
    ],
    ["an empty value", "a:\nb: 1"],
    ["quoted scalars and keys", "'200':\n  a: 'it''s'\n  b: \"tab\\there\"\n  \"c d\": ''"],
    ["numbers and booleans as keys", "200: a\ntrue: b\n1.0: c\n.inf: d"],
    ["folded plain and quoted lines", "a: one\n  two\n\n  three\nb: 'x\n  y'"],
    ["sequences, compact maps inside them, and at the key's column", "a:\n- 1\n- b: 2\n  c: 3\n-\nd:\n  - x"],
    ["empty flow collections", "a: []\nb: {}\nc:\n- []"],
    ["an explicit key", "? long.key\n: value\nnext: 1"],
    ["an explicit key with a map value", "? k\n: a: 1\n  b: 2"],
    ["keys that name Object's own properties", "constructor: 1\ntoString: 2\n__proto__: 3\nhasOwnProperty: 4"],
    ["a scalar document", "just text"],
    ["64 levels, the most a document may nest", `a:\n  ${"- ".repeat(62)}[]`],
    ["a comment", "a: 1 # one\n# two\nb: 2"],
    ["flow collections with items", "a: [1, 'x', {b: null}]\nc: {d: [e]}"],
    ["block scalars", "a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text"],
    ["document markers", "---\na: 1\n..."],
    ["scalars that js-yaml's own schema reads otherwise", "a: 0b11\nb: +0x1F\nc: -.5\nd: +0o7"],
    ["a quoted scalar on lines indented past its key", "a:\n  b: 'one\n    two'\n  c:\n  - 'three\n    four'"],
  ])("%s", (_, text) => {
    expect(dataFromYaml(text)).toEqual((libraryData(text) as { data: unknown }).data);
  });

  it.each([
    // given YAML that the library could read otherwise or not at all, or past a bound → left to the library
    ["an anchor and an alias", "a: &x 1\nb: *x"],
    ["an anchor alone", "a: &x 1"],
    ["a tag", "a: !!str 1"],
    ["a core tag", "a: !!int 1"],
    ["two documents", "a: 1\n---\nb: 2"],
    ["a directive", "%YAML 1.1\n---\na: yes"],
    ["a tab in the indentation", "a:\n\tb: 1"],
    ["a tab before a scalar document", "\t text"],
    ["a carriage return without a line feed", "a: 1\rb: 2"],
    ["a quoted scalar on a line indented as its key", "a:\n  b: 'one\n  two'"],
    ["a quoted scalar on a line indented as its dash", "a:\n  - 'one\n  two'"],
    ["a comment right after a quoted scalar", "a: 'b'#c"],
    ['a null key, which js-yaml names null and the library ""', "~: a"],
    ["a sequence as a key", "? [a]\n: b"],
    ["a map as a key", "{a: 1}: b"],
    ["a nested map on the key's line", "a: b: c"],
    ["a key without a value", "a: 1\nb"],
    ["items at different columns", "a:\n  b: 1\n   c: 2"],
    ["a multi-line implicit key", "a\nb: 1"],
    ["a sequence item without its dash", "- a\nb"],
    ["an unterminated quote", "a: 'b"],
    ["a key over 1024 characters", `${"k".repeat(1100)}: 1`],
    ["a quoted key over 1024 characters", `'${"k".repeat(1100)}': 1`],
    ["an empty text", ""],
    // a repeated key is an error, which only the library's full parse can place
    ["a repeated key", "a: 1\na: 2"],
    ["a key repeated in another spelling", "200: a\n'200': b"],
    // nesting past the limit is refused by the full parse, which places it
    ["65 levels: a map and 64 sequences", `a:\n  ${"- ".repeat(64)}x`],
    ["an empty collection at the 65th level", `a:\n  ${"- ".repeat(63)}[]`],
  ])("%s", (_, text) => {
    expect(dataFromYaml(text)).toBeUndefined();
  });

  it("reads every spec of test/fixtures/specs/ as the library does", () => {
    for (const [name, text] of specTexts("test/fixtures/specs")) {
      expect(dataFromYaml(text), name).toEqual((libraryData(text) as { data: unknown }).data);
    }
  });

  // The pinned release: every spec takes the quick reading and gives the library's data. Older
  // releases were compared once by hand; the library's parse of each costs seconds.
  it("reads every spec of the pinned release as the library does", () => {
    for (const [name, text] of specTexts(pinnedRelease())) {
      const quick = dataFromYaml(text);
      expect(quick, `${name} should take the quick reading`).toBeDefined();
      expect(JSON.stringify(quick), name).toBe(JSON.stringify((libraryData(text) as { data: unknown }).data));
    }
  }, 120_000);

  it("never accepts a text the library rejects, nor reads one differently (400 random edits)", () => {
    // A fixed-seed generator, so that a failure names an edit that can be replayed.
    let seed = 20261207;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const edits = ["", " ", ":", "-", "'", '"', "#", "&a ", "*a", "!t ", "\t", "\t ", "\n", "\r", "? ", "[", "{", "|"];
    const sources = specTexts("test/fixtures/specs").map(([, text]) => text.slice(0, 3000));
    let accepted = 0;
    for (let round = 0; round < 400; round++) {
      let text = sources[random(sources.length)]!;
      for (let edit = random(3); edit >= 0; edit--) {
        const at = random(text.length);
        text = text.slice(0, at) + edits[random(edits.length)] + text.slice(at + random(3));
      }
      const quick = dataFromYaml(text);
      if (quick === undefined) continue;
      accepted++;
      expect(libraryData(text), `edit ${round}`).toEqual({ data: quick });
    }
    // Many edits still give valid YAML: the comparison must have run often.
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);
});
