/**
 * docs/testing.md: its vitest examples, written against the package's entries, are type-checked
 * against an SDK generated from Twilio's real TaskRouter and Sync specs, then run as this file's
 * own tests (their `it` blocks register here when the examples are imported).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { typeCheck } from "../generator/typeCheck.js";
import { pinnedRelease, REPO_ROOT } from "../support/corpus.js";

const DOC = "docs/testing.md";
const corpus = pinnedRelease();

/** The examples, their package imports pointed at the SDK generated beside them. */
const examples = [...readFileSync(DOC, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
  match[1]!
    .replace(/"twilio-etag-sdk\/testing"/g, '"./sdk/testing/index.js"')
    .replace(/"twilio-etag-sdk"/g, '"./sdk/index.js"'),
);

// Inside the project, so that the examples resolve vitest from its node_modules.
const cache = join(REPO_ROOT, "node_modules/.cache");
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, "docs-testing-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("docs/testing.md", async () => {
  const specs = ["twilio_taskrouter_v1.yaml", "twilio_sync_v1.yaml"].map((name) => join(corpus, name));
  await generate({ specs, out: join(work, "sdk"), check: false });
  examples.forEach((code, index) => writeFileSync(join(work, `example${index}.ts`), code));
  writeFileSync(join(work, "examples.ts"), examples.map((_code, index) => `import "./example${index}.js";\n`).join(""));

  it("has examples, and every one compiles with strict settings", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(typeCheck(join(work, "examples.ts"))).toEqual([]);
  }, 120_000);

  // Each example's own tests, run here.
  for (let index = 0; index < examples.length; index += 1) {
    describe(`example ${index + 1}`, async () => {
      await import(join(work, `example${index}.ts`));
    });
  }
});
