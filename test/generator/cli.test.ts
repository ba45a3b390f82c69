import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ContentCache } from "../../generator/cache/contentCache.js";
import { countSpecs, FIXTURE_SPECS } from "../support/specCounts.js";

// What `npm run generate` runs: the launcher that starts the compiled CLI.
const CLI = resolve("generator/run.mjs");
const root = mkdtempSync(join(tmpdir(), "sdk-cli-"));
// The specs and the SDK generated from them, made once; each test works on a copy of its own.
const pristine = join(root, "pristine");
let work: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  cpSync(resolve("test/fixtures/specs"), join(pristine, "specs"), { recursive: true });
  work = pristine;
  expect(run("--out", "sdk").code).toBe(0);
}, 60_000);
beforeEach(() => {
  work = mkdtempSync(join(root, "case-"));
  cpSync(pristine, work, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm run generate", () => {
  it("prints help", () => {
    const { code, stdout } = run("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("--check");
  });

  it("--check exits 0 on an up-to-date tree and writes a report", () => {
    const { code, stdout } = run("--out", "sdk", "--check", "--report", "report.json");
    expect([code, stdout]).toEqual([0, expect.stringContaining("sdk is up to date")]);
    const report = JSON.parse(readFileSync(join(work, "report.json"), "utf8"));
    expect(report).toMatchObject({ specs: 4, operations: countSpecs(FIXTURE_SPECS).operations });
    expect(report.ifMatchOperations[0]).toEqual({
      spec: "twilio_documents_v2",
      operationId: "DeleteStore",
      method: "DELETE",
      path: "/v2/Stores/{Sid}",
      call: "documents.v2.stores(Sid).remove()",
    });
    expect(report.etagResponses).toContainEqual({
      spec: "twilio_tasks_v1",
      operationId: "UpdateTaskReservation",
      status: 200,
      header: "Etag",
      call: "tasks.v1.workspaces(WorkspaceSid).tasks(TaskSid).reservationsOfTask(Sid).update()",
    });
  }, 60_000);

  it("--check exits 1 naming the files a spec edit changes, and writes nothing", () => {
    const spec = join(work, "specs/twilio_ledger_v1.yaml");
    const original = readFileSync(spec, "utf8");
    writeFileSync(
      spec,
      original.replace(/operationId: FetchAccount/, "operationId: FetchAccount\n      deprecated: true"),
    );
    const before = readFileSync(join(work, "sdk/ledger/v1/account.ts"), "utf8");
    const { code, stdout } = run("--out", "sdk", "--check");
    expect(code).toBe(1);
    expect(stdout).toContain("changed: ledger/v1/account.ts");
    expect(readFileSync(join(work, "sdk/ledger/v1/account.ts"), "utf8")).toBe(before);
  }, 60_000);

  it("ends a writing run with its summary and nothing else: diffs are for --check", () => {
    const spec = join(work, "specs/twilio_ledger_v1.yaml");
    const original = readFileSync(spec, "utf8");
    writeFileSync(
      spec,
      original.replace(/operationId: FetchAccount/, "operationId: FetchAccount\n      deprecated: true"),
    );
    const { code, stdout } = run("--out", "sdk");
    expect(code).toBe(0);
    // The changed module, and the seven files that state the version, which changes with the content.
    expect(stdout).toMatch(/^files written: {8}8 \(/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(/^seconds: +[\d.]+$/);
    expect(stdout).not.toContain("--- a/");
  }, 60_000);

  it("removes stale generated files but never a user's own file", () => {
    writeFileSync(join(work, "sdk/NOTES.md"), "mine");
    const ledger = join(work, "specs/twilio_ledger_v1.yaml");
    rmSync(ledger);
    const { code, stdout } = run("--out", "sdk");
    expect(code).toBe(0);
    expect(stdout).toMatch(/stale removed/);
    expect(existsSync(join(work, "sdk/ledger"))).toBe(false);
    expect(readFileSync(join(work, "sdk/NOTES.md"), "utf8")).toBe("mine");
    expect(readFileSync(join(work, "sdk/index.ts"), "utf8")).not.toContain("ledger");
  }, 60_000);

  it.each(["soon", "-1", ""])("refuses --wait %j with the usage, and writes nothing", (wait) => {
    const { code, stderr } = run("--out", "fresh", `--wait=${wait}`);
    expect(code).toBe(2);
    expect(stderr).toContain(`--wait takes a number of seconds (0 or more), not ${JSON.stringify(wait)}`);
    expect(stderr).toContain("Usage: npm run generate");
    expect(existsSync(join(work, "fresh"))).toBe(false);
  });

  it.each([
    [["--out"], "error: --out needs a value"],
    [["--ot", "sdk2"], "error: unknown option --ot; did you mean --out?"],
    [["--chek"], "error: unknown option --chek; did you mean --check?"],
    [["--out", "~"], 'error: --out ~: no shell expanded the "~"'],
    [["--out", "~/sdk"], 'error: --out ~/sdk: no shell expanded the "~"'],
    [["--check=yes"], "error: --check takes no value"],
  ])("refuses %j in one line and the usage: exit 2, no stack trace, nothing written", (args, message) => {
    const before = readdirSync(work).sort();
    const { code, stdout, stderr } = run(...args);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr.split("\n")[0]).toContain(message);
    expect(stderr.split("\n")[1]).toBe("");
    expect(stderr).toContain("Usage: npm run generate -- [options]");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it("names the command the user has in its help: the installed bin, or npm run generate", () => {
    const bin = join(work, "twilio-etag-sdk-generator.mjs");
    writeFileSync(bin, `await import(${JSON.stringify(pathToFileURL(CLI).href)});\n`);
    const installed = spawnSync(process.execPath, [bin, "--help"], { cwd: work, encoding: "utf8" });
    expect(installed.stdout).toMatch(/^Usage: twilio-etag-sdk-generator \[generate\] \[options\]/);
    expect(run("--help").stdout).toMatch(/^Usage: npm run generate -- \[options\]/);
  });

  it("rejects broken YAML with file, line and column, and writes nothing", () => {
    const broken = join(work, "broken");
    cpSync(join(work, "specs"), broken, { recursive: true });
    writeFileSync(join(broken, "twilio_bad_v1.yaml"), "openapi: 3.0.1\npaths:\n  /v1/Things: {\n    get: [\n");
    const { code, stderr } = run("--specs", "broken", "--out", "fresh");
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\/twilio_bad_v1\.yaml:\d+:\d+: invalid YAML/);
    expect(stderr).toContain("nothing was written");
    expect(existsSync(join(work, "fresh"))).toBe(false);
  });

  it("rejects an operation it cannot place, naming the spot and the fix", () => {
    const odd = join(work, "odd");
    cpSync(join(work, "specs/twilio_ledger_v1.yaml"), join(odd, "twilio_ledger_v1.yaml"));
    const file = join(odd, "twilio_ledger_v1.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("operationId: FetchAccount", "operationId: ReadAccount"));
    const { code, stderr } = run("--specs", "odd", "--out", "fresh");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /twilio_ledger_v1\.yaml:\d+:\d+ \(at paths\.\/v1\/Accounts\/\{Sid\}\.get\.operationId\): operationId ReadAccount/,
    );
    expect(stderr).toContain("fix:");
    expect(existsSync(join(work, "fresh"))).toBe(false);
  });

  it("--cache-dir deletes nothing it did not make, whatever generators used the folder before", () => {
    // A folder of the user's, with a repository in it: what `--cache-dir .` would point at.
    const folder = join(work, "project");
    mkdirSync(join(folder, ".git/refs"), { recursive: true });
    writeFileSync(join(folder, ".git/HEAD"), "ref: refs/heads/main\n");
    writeFileSync(join(folder, "main.ts"), "export {};\n");
    // Named like a cache generation, but the user's: no marker.
    mkdirSync(join(folder, "0123456789abcdef"));
    writeFileSync(join(folder, "0123456789abcdef/data.txt"), "mine\n");
    // Three older generators' caches, each written and pruned in turn.
    for (const fingerprint of ["a", "b", "c"].map((digit) => digit.repeat(64))) {
      const cache = new ContentCache(folder, fingerprint);
      cache.write("f".repeat(64), `entry of ${fingerprint.slice(0, 4)}`);
      cache.pruneOtherGenerators();
    }
    expect(readdirSync(folder).sort()).toEqual([".git", "0123456789abcdef", "cccccccccccccccc", "main.ts"]);

    for (let runs = 0; runs < 2; runs++) expect(run("--out", "sdk", "--cache-dir", folder).code).toBe(0);

    const names = readdirSync(folder).sort();
    expect(names).toEqual([".git", "0123456789abcdef", expect.stringMatching(/^[0-9a-f]{16}$/), "main.ts"]);
    expect(names[2]).not.toBe("cccccccccccccccc");
    expect(readFileSync(join(folder, ".git/HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
    expect(readFileSync(join(folder, "main.ts"), "utf8")).toBe("export {};\n");
    expect(readFileSync(join(folder, "0123456789abcdef/data.txt"), "utf8")).toBe("mine\n");
  }, 60_000);

  it("--cache-dir never prunes a folder whose marker is a link to a real cache's marker", () => {
    const folder = join(work, "linked-marker");
    const cache = new ContentCache(folder, "b".repeat(64));
    cache.write("f".repeat(64), "entry");
    // The user's folder, named like a generation and marked only through a link: not the cache's.
    const mine = join(folder, "0123456789abcdef");
    mkdirSync(mine);
    writeFileSync(join(mine, "data.txt"), "mine\n");
    symlinkSync(join(folder, "bbbbbbbbbbbbbbbb", "CACHEDIR.TAG"), join(mine, "CACHEDIR.TAG"));
    cache.pruneOtherGenerators();
    expect(readFileSync(join(mine, "data.txt"), "utf8")).toBe("mine\n");
  });
});
