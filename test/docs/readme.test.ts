/**
 * The README as a new user reads it on a fresh clone: its set-up commands on the first screen, no
 * command that needs a folder outside the clone, and its TypeScript examples type-checked (strict)
 * against the committed SDK in generated/, imported by its package name as users import it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const blocks = (language: string) =>
  [...README.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1]!);
const SDK = join(REPO_ROOT, "generated");
const PACKAGE_NAME: string = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8")).name;

describe("README.md", () => {
  const work = mkdtempSync(join(tmpdir(), "readme-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("gives the two set-up commands on its first screen", () => {
    const firstScreen = README.split("\n").slice(0, 20).join("\n");
    expect(firstScreen).toMatch(/^npm ci\b/m);
    expect(firstScreen).toMatch(/^npm run generate\b/m);
  });

  it("shows no command that needs a folder outside the clone", () => {
    const commands = blocks("sh").join("\n");
    expect(commands).not.toContain("../shared");
    expect(commands).not.toMatch(/(^|\s)\.\.\//m);
  });

  it("has TypeScript examples that type-check (strict) against generated/", () => {
    const examples = blocks("ts");
    expect(examples.length).toBeGreaterThanOrEqual(3);
    writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module" }));
    const files = examples.map((code, index) => {
      const file = join(work, `example${index}.ts`);
      writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
      skipLibCheck: true,
      // The package name, resolved to the SDK's sources as the installed package resolves to dist/.
      baseUrl: REPO_ROOT,
      paths: { [PACKAGE_NAME]: [join(SDK, "index.ts")], [`${PACKAGE_NAME}/*`]: [join(SDK, "*", "index.ts")] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
  }, 300_000);
});
