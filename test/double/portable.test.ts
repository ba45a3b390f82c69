/**
 * The double's engine runs wherever the SDK runs: no module of runtime/testing/ imports Node's
 * modules or reads `process`, but listen.ts (node:http, by a guarded dynamic import) and cli.ts
 * (the command, which only Node runs).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const FOLDER = "runtime/testing";
const NODE_ONLY = new Set(["listen.ts", "cli.ts"]);

describe("runtime/testing is portable", () => {
  const modules = readdirSync(FOLDER).filter((name) => name.endsWith(".ts"));

  it.each(modules.filter((name) => !NODE_ONLY.has(name)))("%s uses no Node-only API", (name) => {
    const text = readFileSync(`${FOLDER}/${name}`, "utf8");

    expect(text).not.toMatch(/from "node:|import\(|require\(|\bprocess\b|\bBuffer\b/);
  });

  it("listen.ts loads node:http only through a dynamic import that it guards", () => {
    const text = readFileSync(`${FOLDER}/listen.ts`, "utf8");

    expect(text).not.toMatch(/from "node:/);
    expect(text).toMatch(/try \{\n\s+return \(await import\(specifier\)\) as NodeHttp;\n\s+\} catch/);
  });
});
