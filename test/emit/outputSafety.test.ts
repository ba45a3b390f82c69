/**
 * The generator touches only what it wrote: it never replaces a file no previous run wrote (unless
 * --force), never writes or deletes through a link inside --out, and refuses output folders whose
 * use would put other files at risk. Real CLI runs on real files and links; each refusal exits 2
 * with a message naming the path and the fix, and writes nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = resolve("generator/run.mjs");
const work = mkdtempSync(join(tmpdir(), "sdk-safety-"));
const home = join(work, "home");

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, "--cache-dir", join(work, "cache"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, HOME: home },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every entry under `folder`: files with their text, links with their target, folders as such. */
function listing(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  return Object.fromEntries(
    entries.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const what = entry.isSymbolicLink()
        ? `link to ${readlinkSync(path)}`
        : entry.isDirectory()
          ? "folder"
          : readFileSync(path, "utf8");
      return [relative(folder, path), what];
    }),
  );
}

/** A refusal: exit 2, a located message with its fix, no stack trace. */
function expectRefused(result: ReturnType<typeof run>, message: RegExp): void {
  expect([result.code, result.stdout]).toEqual([2, ""]);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toContain("\n  fix: ");
  expect(result.stderr).toContain("nothing was written.");
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** A copy of the SDK a clean run wrote, manifest included, as the previous run's output. */
function previousOutput(name: string): string {
  const out = join(work, name);
  cpSync(join(work, "reference"), out, { recursive: true });
  return out;
}

beforeAll(() => {
  cpSync(resolve("test/fixtures/specs"), join(work, "specs"), { recursive: true });
  mkdirSync(home);
  expect(run("--out", "reference").code).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("files the previous run did not write", () => {
  it("stop a first run that would replace them, named; --force replaces them", () => {
    const out = join(work, "mine");
    mkdirSync(out);
    for (const [name, text] of [
      ["package.json", '{ "name": "my-app" }\n'],
      ["index.ts", "export const mine = 1;\n"],
      ["tsconfig.json", "{}\n"],
      ["NOTES.md", "my notes\n"],
    ])
      writeFileSync(join(out, name!), text!);
    const before = listing(out);

    const refused = run("--out", "mine");

    expectRefused(refused, /^error: mine: holds 3 file\(s\) that the SDK would replace but no previous run wrote/);
    for (const name of ["package.json", "index.ts", "tsconfig.json"])
      expect(refused.stderr).toContain(`\n    ${name}\n`);
    expect(refused.stderr).toContain("pass --force to replace them");
    expect(listing(out)).toEqual(before);

    expect(run("--out", "mine", "--force").code).toBe(0);
    expect(readFileSync(join(out, "package.json"), "utf8")).toBe(
      readFileSync(join(work, "reference/package.json"), "utf8"),
    );
    expect(readFileSync(join(out, "NOTES.md"), "utf8")).toBe("my notes\n");
    expect(run("--out", "mine").code).toBe(0);
  }, 60_000);

  it("stop a first run into a folder of the user's own, even when no file of theirs would be replaced", () => {
    const out = join(work, "sources");
    mkdirSync(join(out, "src"), { recursive: true });
    writeFileSync(join(out, "NOTES.md"), "my notes\n");
    writeFileSync(join(out, "src/app.ts"), "export const app = 1;\n");
    const before = listing(out);

    const refused = run("--out", "sources");

    expectRefused(
      refused,
      /^error: sources: is not empty, and no previous run wrote into it[^\n]*\n {4}NOTES\.md\n {4}src\n/,
    );
    expect(refused.stderr).toContain("pass --force to write the SDK there anyway");
    expect(listing(out)).toEqual(before);
    expect(run("--out", "sources", "--force").code).toBe(0);
    expect(readFileSync(join(out, "NOTES.md"), "utf8")).toBe("my notes\n");
    expect(run("--out", "sources").code).toBe(0);
  }, 60_000);

  it("stop a later run that would replace one the manifest does not list", () => {
    const out = previousOutput("later");
    const specs = join(work, "specs-with-labels");
    cpSync(join(work, "specs"), specs, { recursive: true });
    cpSync(resolve("test/specDiff/fixtures/twilio_labels_v1.yaml"), join(specs, "twilio_labels_v1.yaml"));
    mkdirSync(join(out, "labels"));
    writeFileSync(join(out, "labels/index.ts"), "// my own labels\n");
    const before = listing(out);

    const refused = run("--specs", specs, "--out", "later");

    expectRefused(refused, /holds 1 file\(s\) that the SDK would replace[^\n]*\n {4}labels\/index\.ts\n/);
    expect(listing(out)).toEqual(before);
  }, 60_000);
});

describe("links inside the output folder", () => {
  it("are never written through: a folder link runtime -> elsewhere", () => {
    const out = previousOutput("linked-folder");
    const elsewhere = join(work, "elsewhere");
    renameSync(join(out, "runtime"), elsewhere);
    writeFileSync(join(elsewhere, "client.ts"), "// not the generator's any more\n");
    symlinkSync(elsewhere, join(out, "runtime"));
    const before = { out: listing(out), elsewhere: listing(elsewhere) };

    const refused = run("--out", "linked-folder");

    expectRefused(refused, /^error: linked-folder\/runtime: is a symbolic link \(the SDK writes or removes runtime\//);
    expect({ out: listing(out), elsewhere: listing(elsewhere) }).toEqual(before);
  }, 60_000);

  it("are never replaced: a file link index.ts -> a file outside", () => {
    const out = previousOutput("linked-file");
    writeFileSync(join(work, "outside.ts"), "export const outside = 1;\n");
    rmSync(join(out, "index.ts"));
    symlinkSync(join(work, "outside.ts"), join(out, "index.ts"));

    const refused = run("--out", "linked-file");

    expectRefused(refused, /^error: linked-file\/index\.ts: is a symbolic link/);
    expect(lstatSync(join(out, "index.ts")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(work, "outside.ts"), "utf8")).toBe("export const outside = 1;\n");
  }, 60_000);

  it("are never deleted through: a manifest entry under a link", () => {
    const out = previousOutput("linked-manifest");
    const victims = join(work, "victims");
    mkdirSync(victims);
    writeFileSync(join(victims, "keep.ts"), "keep me\n");
    symlinkSync(victims, join(out, "linked"));
    appendFileSync(join(out, ".generated-files"), "linked/keep.ts\n");
    const before = listing(out);

    const refused = run("--out", "linked-manifest");

    expectRefused(
      refused,
      /^error: linked-manifest\/linked: is a symbolic link \(the SDK writes or removes linked\/keep\.ts\)/,
    );
    expect(listing(victims)).toEqual({ "keep.ts": "keep me\n" });
    expect(listing(out)).toEqual(before);
  }, 60_000);
});

describe("the output folder's lock, held by another process", () => {
  /** A live process that is no generator run, named as the holder of `out`'s lock. */
  function holdLock(out: string) {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    const gone = new Promise((done) => holder.on("exit", done));
    writeFileSync(join(out, ".generated-lock"), `${holder.pid} 0f4c1e2a\n`);
    return { pid: holder.pid, end: () => (holder.kill("SIGKILL"), gone) };
  }

  it("stops a run that waited --wait seconds, untouched; the run after the holder died takes it over", async () => {
    const out = previousOutput("in-use");
    // What a killed run left as well: staged files, not committed.
    mkdirSync(join(out, ".generated-run"));
    writeFileSync(join(out, ".generated-run/0"), "staged by the other run\n");
    rmSync(join(out, "index.ts"));
    const holder = holdLock(out);
    const before = listing(out);
    try {
      const refused = run("--out", "in-use", "--wait", "0.3");
      expectRefused(
        refused,
        new RegExp(
          `^error: in-use/.generated-lock: is held by another run of the generator \\(process ${holder.pid}\\), still running after 0.3 s`,
        ),
      );
      expect(listing(out)).toEqual(before);
    } finally {
      await holder.end();
    }

    expect(run("--out", "in-use").code).toBe(0);
    expect(listing(out)).toEqual(listing(join(work, "reference")));
  }, 60_000);

  it("makes a run wait until the holder lets go, then write", async () => {
    const out = previousOutput("waiting");
    rmSync(join(out, "index.ts"));
    const holder = holdLock(out);
    const waiting = new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [CLI, "--cache-dir", join(work, "cache"), "--out", "waiting"], {
        cwd: work,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (code) => done({ code, stderr }));
    });
    await new Promise((done) => setTimeout(done, 1500));
    expect(existsSync(join(out, "index.ts"))).toBe(false);
    rmSync(join(out, ".generated-lock"));
    expect(await waiting).toEqual({ code: 0, stderr: "" });
    await holder.end();
    expect(listing(out)).toEqual(listing(join(work, "reference")));
  }, 60_000);

  it("is refused when it is a link, not the generator's", () => {
    const out = previousOutput("linked-lock");
    writeFileSync(join(work, "lock-target.txt"), "the user's\n");
    symlinkSync(join(work, "lock-target.txt"), join(out, ".generated-lock"));
    rmSync(join(out, "index.ts"));
    expectRefused(run("--out", "linked-lock"), /^error: linked-lock\/.generated-lock: is not the generator's lock/);
    expect(existsSync(join(out, "index.ts"))).toBe(false);
    expect(readFileSync(join(work, "lock-target.txt"), "utf8")).toBe("the user's\n");
  }, 60_000);
});

describe("output folders that are refused", () => {
  beforeAll(() => {
    cpSync(join(work, "specs"), join(work, "nested/specs"), { recursive: true });
    symlinkSync(join(work, "specs"), join(work, "specs-link"));
  });

  it.each([
    { given: "the root folder", out: "/", want: /^error: \/: is the root folder\n/ },
    { given: "the home folder", out: "home", want: /^error: home: is your home folder\n/ },
    { given: "a folder holding the home folder", out: ".", want: /^error: \.: holds your home folder\n/ },
    { given: "an existing file", out: "specs/twilio_ledger_v1.yaml", want: /: is a file, not a folder\n/ },
    { given: "the specs folder", out: "specs", want: /^error: specs: is the specs folder specs\n/ },
    { given: "a folder inside the specs folder", out: "specs/sdk", want: /: is inside the specs folder specs\n/ },
    { given: "one reached through a link", out: "specs-link/sdk", want: /: is inside the specs folder specs\n/ },
    {
      given: "a folder holding the specs",
      out: "nested",
      specs: "nested/specs",
      want: /^error: nested: holds the specs nested\/specs: the SDK could replace them\n/,
    },
  ])("$given", ({ out, specs, want }) => {
    const before = { work: listing(work) };

    expectRefused(run("--specs", specs ?? "specs", "--out", out), want);

    expect({ work: listing(work) }).toEqual(before);
  });

  it("a folder that cannot be written: a clear error, no stack trace", () => {
    // Root may write anywhere but in a read-only kernel file system; others meet a read-only folder.
    const readOnly = process.getuid?.() === 0 ? "/sys/kernel" : join(work, "read-only");
    if (readOnly !== "/sys/kernel") {
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
    }
    const out = join(readOnly, `sdk-${process.pid}`);

    expectRefused(
      run("--out", out),
      new RegExp(`^error: ${out}: cannot be written \\((EACCES|EPERM|EROFS) on ${out}\\)`),
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("staged files that cannot all be written (some over the file size limit): a clear error, nothing left", () => {
    // Files over the limit (`ulimit -f 4`: 4 blocks, 2 KiB in dash's 512-byte blocks) fail with EFBIG while the smaller ones, staged at the same time, are written.
    const limited = spawnSync(
      "sh",
      ["-c", 'ulimit -f 4 && exec "$0" "$@"', process.execPath, CLI, "--no-cache", "--out", "limited"],
      {
        cwd: work,
        encoding: "utf8",
        env: { ...process.env, HOME: home },
      },
    );
    const out = join(work, "limited");

    expectRefused(
      { code: limited.status, stdout: limited.stdout, stderr: limited.stderr },
      new RegExp(`^error: limited: cannot be written \\(EFBIG on ${join("limited", ".generated-run")}\\)`),
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
