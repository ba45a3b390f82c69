import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchLockedRelease, lockedSpecsFolder, readLock } from "../../generator/release/fetchRelease.js";
import { updateLockedRelease } from "../../generator/release/updateRelease.js";
import { npmScript } from "../support/npmScript.js";
import { folderState, lockOf, projectRoot, releaseServer, sha256, writeFiles } from "./releaseFixtures.js";

// `npm run specs -- update` on two tiny releases: 1.0.0 has the notes service, 1.0.1 adds labels. 1.0.1 is
// served from 127.0.0.1 as GitHub serves a tag: a `git archive` of the tagged commit.
const NOTES = readFileSync("test/specDiff/fixtures/twilio_notes_v1.yaml", "utf8");
const LABELS = readFileSync("test/specDiff/fixtures/twilio_labels_v1.yaml", "utf8");
const OLD = { "twilio_notes_v1.yaml": NOTES };
const NEW = { "twilio_notes_v1.yaml": NOTES, "twilio_labels_v1.yaml": LABELS };

/** Each update regenerates an SDK: seconds, more on a busy machine. */
const SLOW = { timeout: 180_000 };
const work = mkdtempSync(join(tmpdir(), "specs-update-"));
let server: Server;
let commit: string;
let root: string;
let lines: string[];

beforeAll(async () => {
  const repository = writeFiles(join(work, "twilio-oai"), { "README.md": "# twilio-oai\n" });
  writeFiles(join(repository, "spec", "yaml"), NEW);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: repository,
      encoding: "utf8",
    }).trim();
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "1.0.1");
  commit = git("rev-parse", "HEAD");
  const tarball = join(work, "1.0.1.tar.gz");
  git("archive", "--format=tar.gz", "--prefix=twilio-oai-1.0.1/", "-o", tarball, "HEAD");
  let url: string;
  ({ server, url } = await releaseServer(new Map([["/1.0.1.tar.gz", readFileSync(tarball)]])));
  process.env.TWILIO_OAI_ARCHIVE_URL = url;
});
afterAll(() => {
  server.close();
  delete process.env.TWILIO_OAI_ARCHIVE_URL;
  rmSync(work, { recursive: true, force: true });
});
beforeEach(async () => {
  root = projectRoot(lockOf(OLD, "1.0.0"));
  lines = [];
  await fetchLockedRelease({ root, from: writeFiles(join(root, "old-release"), OLD), log: () => {} });
  rmSync(join(root, "old-release"), { recursive: true });
});

const update = (options: { tag?: string; from?: string; commit?: string } = {}) =>
  updateLockedRelease({ root, tag: "1.0.1", ...options, log: (line) => lines.push(line) });

/** The lock, the specs and the SDK: what a failed update must leave as it was. */
const projectState = () => ({
  specs: folderState(join(root, "specs")),
  generated: folderState(join(root, "generated")),
});

describe("update --tag", SLOW, () => {
  it("fetches the release, rewrites the lock with the archive's commit, regenerates, and reports the change", async () => {
    const { lock, report } = await update();
    expect(lock).toEqual({ ...lockOf(NEW, "1.0.1", commit) });
    expect(readLock(root)).toEqual(lock);
    expect(readFileSync(join(root, "specs", "twilio-oai.lock.json"), "utf8")).toBe(
      JSON.stringify(
        {
          repository: "twilio/twilio-oai",
          tag: "1.0.1",
          commit,
          folder: "spec/yaml",
          mirrors: [],
          files: { "twilio_labels_v1.yaml": sha256(LABELS), "twilio_notes_v1.yaml": sha256(NOTES) },
        },
        null,
        2,
      ) + "\n",
    );
    expect(folderState(lockedSpecsFolder(root))).toEqual(
      Object.fromEntries(Object.entries(NEW).map(([name, text]) => [name, Buffer.from(text).toString("base64")])),
    );
    expect(existsSync(join(root, "generated", "labels", "v1", "label.ts"))).toBe(true);
    expect(report).toMatch(/^# SDK change report\n\nFrom `twilio-oai 1.0.0` to `twilio-oai 1.0.1`\.\n/);
    expect(report).toContain(
      "- `labels`: service added (twilio_labels_v1.yaml): versions `v1`, 1 resource, 2 operations",
    );
    expect(lines.slice(0, 5)).toEqual([
      `twilio-oai 1.0.1: fetching ${process.env.TWILIO_OAI_ARCHIVE_URL}/1.0.1.tar.gz`,
      "change report: twilio-oai 1.0.0 -> 1.0.1",
      "change report: 0 breaking, 3 additive changes",
      "specs/twilio-oai.lock.json: twilio-oai 1.0.0 -> 1.0.1 (2 files)",
      "regenerating: npm run generate",
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}If-Match operations: +2$/));
    // No staging or previous folder is left; the stamp records which lock the folder was fetched for.
    const hidden = Object.keys(folderState(join(root, "specs"))!).filter((name) => name.startsWith("."));
    expect(hidden).toEqual([".twilio-oai.stamp"]);
  });

  it("regenerates the project's own spec files in specs/ with the release", async () => {
    writeFileSync(join(root, "specs", "twilio_extra_v1.yaml"), LABELS.replaceAll("labels", "extras"));
    await update();
    expect(lines).toContain("regenerating: npm run generate");
    expect(existsSync(join(root, "generated", "extras", "v1", "label.ts"))).toBe(true);
    // The SDK's version follows the lock just written.
    const manifest = JSON.parse(readFileSync(join(root, "generated", "package.json"), "utf8"));
    expect(manifest.version).toMatch(/^1\.0\.1-etag\./);
  });

  it("updates without a change report when the old release cannot be had, and says so", async () => {
    rmSync(lockedSpecsFolder(root), { recursive: true });
    const { report } = await update();
    expect(report).toBeUndefined();
    expect(lines).toContainEqual(
      expect.stringMatching(/^no change report: twilio-oai 1\.0\.0 is unavailable \(.*cannot fetch twilio-oai 1\.0\.0/),
    );
    expect(readLock(root).tag).toBe("1.0.1");
  });
});

describe("update --tag --from a git checkout", SLOW, () => {
  it("records the checkout's commit when its spec folder is as committed", async () => {
    const { lock } = await update({ from: join(work, "twilio-oai") });
    expect(lock).toEqual(lockOf(NEW, "1.0.1", commit));
  });

  it("records no commit, and says so, when the spec folder has changes the commit does not hold", async () => {
    const checkout = join(work, "dirty-checkout");
    cpSync(join(work, "twilio-oai"), checkout, { recursive: true });
    const edited = { ...NEW, "twilio_notes_v1.yaml": `${NOTES}# edited\n` };
    writeFiles(join(checkout, "spec", "yaml"), edited);
    const { lock } = await update({ from: checkout });
    expect(lock).toEqual(lockOf(edited, "1.0.1", null));
    expect(lines).toContain(`twilio-oai 1.0.1: reading ${checkout}`);
    const origin = join(checkout, "spec", "yaml");
    expect(lines).toContain(`${origin} does not tell the release's commit: the lock records none (--commit SHA)`);
  });
});

describe("a failed update leaves the lock, the specs and the SDK as they were", SLOW, () => {
  it.each([
    // given: want the error
    [
      "the generator failing on the new release",
      () => (writeFileSync(join(root, "specs", "twilio_broken_v1.yaml"), "openapi: 2.0\n"), {}),
      "the generator failed on twilio-oai's new specs (exit 2)",
    ],
    ["a source that is not there", () => ({ from: "no/such/folder" }), "no/such/folder: no such file or folder"],
    ["no source answering", () => ({ tag: "1.0.2" }), "cannot fetch twilio-oai 1.0.2: no source answered"],
    ["a --commit the archive contradicts", () => ({ commit: "0".repeat(40) }), "the source records commit"],
    [
      "a folder without specs",
      () => ({ from: writeFiles(join(work, "no-specs"), { "README.md": "" }) }),
      "no spec files (.yaml, .yml, .json) in it",
    ],
    ["a tag that is no tag", () => ({ tag: "../1" }), '--tag "../1" is not a release tag'],
  ])("%s", async (_, given, message) => {
    const options = given();
    const before = projectState();
    await expect(update(options)).rejects.toThrow(message);
    expect(projectState()).toEqual(before);
  });
});

describe("npm run specs -- update", SLOW, () => {
  // Run asynchronously: the release server answers from this process.
  const cli = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const script = npmScript("specs", ["update", ...args]);
      const child = execFile(process.execPath, script.args, { env: script.env });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (chunk) => (stdout += chunk));
      child.stderr!.on("data", (chunk) => (stderr += chunk));
      child.on("close", (status) => done({ status, stdout, stderr }));
    });

  // The report on standard output is tested with the real releases (realUpdate.test.ts).
  it("writes the change report to --report; exits 2 on errors", async () => {
    const report = join(work, "report.md");
    const written = await cli("--tag", "1.0.1", "--root", root, "--report", report);
    expect([written.status, written.stdout]).toEqual([0, ""]);
    expect(written.stderr).toContain("specs/twilio-oai.lock.json: twilio-oai 1.0.0 -> 1.0.1 (2 files)");
    expect(readFileSync(report, "utf8")).toMatch(
      /^# SDK change report\n\nFrom `twilio-oai 1\.0\.0` to `twilio-oai 1\.0\.1`\.\n/,
    );
    const refused = await cli("--tag", "1.0.2", "--root", root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`npm run specs -- update --tag 1.0.2 --from twilio-oai-1.0.2.tar.gz`);
  });
});
