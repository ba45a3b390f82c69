/**
 * The fast reading of Twilio-style YAML must give exactly what the `yaml` library gives, and must
 * leave to the library every text it does not fully understand, above all every invalid one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { dataFromYaml } from "../../generator/load/yamlData.mjs";
import { CORPUS_LOCATION, corpusFolders, pinnedRelease, REPO_ROOT } from "../support/corpus.js";

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

describe("reading YAML straight off the syntax tree", () => {
  it.each([
    // given YAML → want the same data as the library
    [
      "scalars of the core schema",
      "a: 1\nb: -2.5\nc: true\nd: null\ne: ~\nf: 0x1F\ng: .inf\nh: 1e3\ni: text\nj: 2024-01-02",
    ],
    ["an empty value", "a:\nb: 1"],
    ["quoted scalars and keys", "'200':\n  a: 'it''s'\n  b: \"tab\\there\"\n  \"c d\": ''"],
    ["numbers and booleans as keys", "200: a\ntrue: b\n1.0: c\n~: d"],
    ["folded plain and quoted lines", "a: one\n  two\n\n  three\nb: 'x\n  y'"],
    ["sequences, compact maps inside them, and at the key's column", "a:\n- 1\n- b: 2\n  c: 3\n-\nd:\n  - x"],
    ["empty flow collections", "a: []\nb: {}\nc:\n- []"],
    ["an explicit key", "? long.key\n: value\nnext: 1"],
    ["an explicit key with a map value", "? k\n: a: 1\n  b: 2"],
    ["keys that name Object's own properties", "constructor: 1\ntoString: 2\n__proto__: 3\nhasOwnProperty: 4"],
    ["a scalar document", "just text"],
    ["64 levels, the most a document may nest", `a:\n  ${"- ".repeat(62)}[]`],
  ])("%s", (_, text) => {
    expect(dataFromYaml(text)).toEqual((libraryData(text) as { data: unknown }).data);
  });

  it.each([
    // given YAML outside the plain block style (valid or not) → left to the library
    ["an anchor and an alias", "a: &x 1\nb: *x"],
    ["a tag", "a: !!str 1"],
    ["a comment", "a: 1 # one"],
    ["a flow sequence with items", "a: [1, 2]"],
    ["a flow map with items", "a: {b: 1}"],
    ["two documents", "a: 1\n---\nb: 2"],
    ["a document start marker", "---\na: 1"],
    ["a directive", "%YAML 1.2\n---\na: 1"],
    ["a block scalar", "a: |\n  line 1\n  line 2"],
    ["a tab in the indentation", "a:\n\tb: 1"],
    ["a nested map on the key's line", "a: b: c"],
    ["a key without a value", "a: 1\nb"],
    ["items at different columns", "a:\n  b: 1\n   c: 2"],
    ["a multi-line implicit key", "a\nb: 1"],
    ["a sequence item without its dash", "- a\nb"],
    ["an unterminated quote", "a: 'b"],
    ["a key over 1024 characters", `${"k".repeat(1100)}: 1`],
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

  // Every release beside the checkout, else the pinned one; whole corpora through both readers take
  // tens of seconds on a busy two-core machine, hence its own timeout.
  const folders = existsSync(join(REPO_ROOT, CORPUS_LOCATION)) ? corpusFolders() : [pinnedRelease()];
  it("reads every real Twilio spec, of every release at hand, as the library does", () => {
    for (const folder of folders) {
      for (const [name, text] of specTexts(folder)) {
        const fast = dataFromYaml(text);
        expect(fast, `${folder}/${name} should take the fast reading`).toBeDefined();
        expect(JSON.stringify(fast), name).toBe(JSON.stringify((libraryData(text) as { data: unknown }).data));
      }
    }
  }, 180_000);

  it("never accepts a text the library rejects, nor reads one differently (2,000 random edits)", () => {
    // A fixed-seed generator, so that a failure names an edit that can be replayed.
    let seed = 20261130;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const edits = ["", " ", "  ", ":", "-", "'", '"', "#", "&a ", "*a", "!t ", "\t", "\n", "? ", "[", "{", "|"];
    const sources = specTexts("test/fixtures/specs").map(([, text]) => text.slice(0, 6000));
    const accepted: string[] = [];
    for (let round = 0; round < 2000; round++) {
      const source = sources[random(sources.length)]!;
      const at = random(source.length);
      const removed = random(3);
      const text = source.slice(0, at) + edits[random(edits.length)] + source.slice(at + removed);
      const fast = dataFromYaml(text);
      if (fast === undefined) continue;
      accepted.push(text);
      expect(libraryData(text), `edit ${round} at ${at}`).toEqual({ data: fast });
    }
    // Most edits still give valid YAML of the plain style: the comparison must have run often.
    expect(accepted.length).toBeGreaterThan(500);
    // A few seconds alone; 2,000 library parses take minutes on a two-core machine busy with other work.
  }, 180_000);
});
