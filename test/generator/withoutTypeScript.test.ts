/**
 * A run that renders every file loads neither TypeScript nor openapi-typescript (their load was a
 * fifth of a cold run): the schema types are the generator's own text. Checked in the generator's
 * process, as the bin runs it, by the CommonJS modules it had loaded when it exited.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { GENERATOR_BIN } from "../support/npmScript.js";

const work = mkdtempSync(join(tmpdir(), "sdk-without-typescript-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Preloaded into the generator: writes the packages of the modules `require` holds when the main thread exits. */
const PRELOAD = `
const { writeFileSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");
process.on("exit", () => {
  if (!isMainThread) return;
  const packages = Object.keys(require.cache).map((file) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file)?.[1]);
  writeFileSync(process.env.LOADED_PACKAGES, JSON.stringify([...new Set(packages.filter(Boolean))].sort()));
});
`;

it("renders the fixture specs' SDK, schema types and all, without loading TypeScript or openapi-typescript", () => {
  const preload = join(work, "preload.cjs");
  const loaded = join(work, "loaded.json");
  writeFileSync(preload, PRELOAD);
  const out = join(work, "sdk");
  const result = spawnSync(
    process.execPath,
    [GENERATOR_BIN, "generate", "--specs", "test/fixtures/specs", "--out", out, "--no-cache"],
    { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: `--require ${preload}`, LOADED_PACKAGES: loaded } },
  );
  expect(result.status, result.stderr).toBe(0);
  const packages = JSON.parse(readFileSync(loaded, "utf8")) as string[];
  // The modules it did load are listed: the check sees CommonJS packages at all.
  expect(packages).toContain("handlebars");
  expect(packages).not.toContain("typescript");
  expect(packages).not.toContain("openapi-typescript");
  expect(readFileSync(join(out, "schemas", "twilio_ledger_v1.ts"), "utf8")).toContain("export interface components");
}, 60_000);
