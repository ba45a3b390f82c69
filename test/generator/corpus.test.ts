import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, type GenerateResult } from "../../generator/generate.js";
import { CORPUS_LOCATION, newestCorpus } from "../support/corpus.js";
import { filesPrettierWouldChange } from "./prettierCheck.js";
import { typeCheck } from "./typeCheck.js";

// Twilio's real specs live beside the checkout and are never copied into the project.
const corpus = newestCorpus();
if (!corpus)
  console.warn(
    `corpus tests skipped: ${CORPUS_LOCATION} is absent (Twilio's real specs are read from beside the checkout)`,
  );

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Node = Record<string, unknown>;

/** What the corpus holds, counted by a walk of the YAML independent of the generator's loader and model. */
function countCorpus(folder: string) {
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  let operations = 0;
  const ifMatch: { spec: string; operationId: unknown }[] = [];
  let etagResponses = 0;
  for (const file of files) {
    const document = parse(readFileSync(join(folder, file), "utf8"), { maxAliasCount: -1 }) as Node;
    // Only local refs appear in Twilio's specs: follow `#/a/b` through the document itself.
    const deref = (node: unknown): Node => {
      const ref = (node as Node)?.$ref;
      if (typeof ref !== "string") return (node ?? {}) as Node;
      const parts = ref.replace(/^#\//, "").split("/");
      return deref(
        parts.reduce<unknown>((at, key) => (at as Node)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document),
      );
    };
    for (const pathItem of Object.values((document.paths ?? {}) as Record<string, Node>)) {
      for (const method of HTTP_METHODS.filter((name) => pathItem[name] !== undefined)) {
        const operation = pathItem[method] as Node;
        operations++;
        const parameters = [
          ...((pathItem.parameters ?? []) as unknown[]),
          ...((operation.parameters ?? []) as unknown[]),
        ];
        if (parameters.map(deref).some((p) => p.in === "header" && String(p.name).toLowerCase() === "if-match")) {
          ifMatch.push({ spec: file.replace(/\.ya?ml$/, ""), operationId: operation.operationId });
        }
        for (const response of Object.values((operation.responses ?? {}) as Node).map(deref)) {
          const headers = Object.keys((response.headers ?? {}) as Node);
          if (headers.some((name) => name.toLowerCase() === "etag")) etagResponses++;
        }
      }
    }
  }
  return { specs: files.length, operations, ifMatch, etagResponses };
}

describe.skipIf(!corpus)(`the real Twilio corpus (${corpus ? basename(corpus) : "absent"})`, () => {
  const out = mkdtempSync(join(tmpdir(), "sdk-corpus-"));
  let result: GenerateResult;
  let counted: ReturnType<typeof countCorpus>;
  beforeAll(async () => {
    counted = countCorpus(corpus!);
    result = await generate({ specs: [corpus!], out, check: false });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("generates every spec of the corpus with every one of its operations", () => {
    expect(counted.specs).toBeGreaterThan(0);
    expect(counted.operations).toBeGreaterThan(counted.specs);
    expect([result.report.specs, result.report.operations]).toEqual([counted.specs, counted.operations]);
  });

  it("finds every If-Match operation and every ETag response the corpus declares", () => {
    expect(counted.ifMatch.length).toBeGreaterThan(0);
    expect(result.report.ifMatchOperations.map((o) => ({ spec: o.spec, operationId: o.operationId }))).toEqual(
      expect.arrayContaining(counted.ifMatch),
    );
    expect(result.report.ifMatchOperations).toHaveLength(counted.ifMatch.length);
    expect(result.report.etagResponses).toHaveLength(counted.etagResponses);
  });

  it("emits every file in prettier's layout", async () => {
    const files = readFileSync(join(out, ".generated-files"), "utf8").trim().split("\n");
    expect(files.length).toBeGreaterThan(700);
    expect(await filesPrettierWouldChange(out, files)).toEqual([]);
  }, 300_000);

  it("emits an SDK that type-checks with strict and zero diagnostics", () => {
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
  }, 300_000);
});
