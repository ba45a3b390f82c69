import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchLockedRelease, lockedSpecsFolder } from "../../generator/release/fetchRelease.js";
import {
  FIXTURE_FILES,
  FIXTURE_TAG,
  folderState,
  lockOf,
  projectRoot,
  refusedUrl,
  releaseServer,
  releaseTarball,
  sha256,
  writeFiles,
  type Answer,
} from "./releaseFixtures.js";
import { npmScript } from "../support/npmScript.js";

// `npm run specs -- fetch` against a 127.0.0.1 server standing in for GitHub's release tarballs.
const ALTERED = { ...FIXTURE_FILES, "twilio_alpha_v1.yaml": "openapi: 3.0.1\ninfo:\n  title: not alpha\n" };
const { "twilio_alpha_v1.yaml": _, ...MISSING } = FIXTURE_FILES;
const EXTRA = { ...FIXTURE_FILES, "twilio_gamma_v1.yaml": "openapi: 3.0.1\n" };
const TARBALL = `/${FIXTURE_TAG}.tar.gz`;

const work = mkdtempSync(join(tmpdir(), "specs-fetch-"));
let server: Server;
let base: string;
let refused: string;
let root: string;
let lines: string[];

beforeAll(async () => {
  const tarballs: Record<string, Answer> = {
    pax: releaseTarball(FIXTURE_FILES, { format: "pax" }),
    gnu: releaseTarball(FIXTURE_FILES, { format: "gnu" }),
    ustar: releaseTarball(FIXTURE_FILES, { format: "ustar" }),
    altered: releaseTarball(ALTERED),
    missing: releaseTarball(MISSING),
    extra: releaseTarball(EXTRA),
    cut: { cutHalfway: releaseTarball(FIXTURE_FILES) },
    gone: 404,
    symlink: unsafeTarball("symlink"),
    absolute: unsafeTarball("absolute"),
    climbing: unsafeTarball("climbing"),
  };
  const answers = new Map(Object.entries(tarballs).map(([name, answer]) => [`/${name}${TARBALL}`, answer]));
  ({ server, url: base } = await releaseServer(answers));
  refused = await refusedUrl();
});
afterAll(() => {
  server.close();
  delete process.env.TWILIO_OAI_ARCHIVE_URL;
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  root = projectRoot(lockOf(FIXTURE_FILES));
  lines = [];
});

function serving(name: string): void {
  process.env.TWILIO_OAI_ARCHIVE_URL = name === "refused" ? refused : `${base}/${name}`;
}

const fetchRelease = (from?: string) => fetchLockedRelease({ root, from, log: (line) => lines.push(line) });

function fetchedFiles(): Record<string, string> | null {
  const state = folderState(lockedSpecsFolder(root));
  return (
    state &&
    Object.fromEntries(Object.entries(state).map(([name, data]) => [name, Buffer.from(data, "base64").toString()]))
  );
}

/** A release tarball with one spec entry that must not be extracted: a link, an absolute or a climbing path. */
function unsafeTarball(kind: "symlink" | "absolute" | "climbing"): Buffer {
  const folder = mkdtempSync(join(work, `${kind}-`));
  const specs = writeFiles(join(folder, `twilio-oai-${FIXTURE_TAG}`, "spec", "yaml"), FIXTURE_FILES);
  const tarball = join(folder, "release.tar.gz");
  const top = `twilio-oai-${FIXTURE_TAG}`;
  if (kind === "symlink") {
    symlinkSync("/etc/passwd", join(specs, "twilio_gamma_v1.yaml"));
    execFileSync("tar", ["-czf", tarball, "-C", folder, top]);
  } else if (kind === "absolute") {
    execFileSync("tar", ["-czPf", tarball, join(folder, top)]);
  } else {
    execFileSync("tar", ["-czPf", tarball, "-C", specs, `../../../${top}`]);
  }
  return readFileSync(tarball);
}

describe("fetch from the release tarball URL", () => {
  it.each(["pax", "gnu", "ustar"])("writes every file of a %s tarball, checked against the lock", async (format) => {
    serving(format);
    await expect(fetchRelease()).resolves.toEqual({ folder: join(root, "specs", "twilio-oai"), tag: FIXTURE_TAG });
    expect(fetchedFiles()).toEqual(FIXTURE_FILES);
    expect(lines).toEqual([
      `twilio-oai ${FIXTURE_TAG}: fetching ${base}/${format}${TARBALL}`,
      `twilio-oai ${FIXTURE_TAG}: 3 files match the sha256 of specs/twilio-oai.lock.json`,
      `specs/twilio-oai: twilio-oai ${FIXTURE_TAG} written`,
    ]);
  });

  it("does nothing, and needs no source, when the folder already holds the locked release", async () => {
    serving("pax");
    await fetchRelease();
    serving("refused");
    lines = [];
    await fetchRelease();
    expect(lines).toEqual([`specs/twilio-oai: twilio-oai ${FIXTURE_TAG} already in place (3 files as locked)`]);
  });

  it("replaces a folder that differs from the lock as a whole", async () => {
    writeFiles(lockedSpecsFolder(root), { "twilio_old_v1.yaml": "old", "twilio_alpha_v1.yaml": "edited" });
    serving("pax");
    await fetchRelease();
    expect(fetchedFiles()).toEqual(FIXTURE_FILES);
    expect(folderState(join(root, "specs"))).toHaveProperty(["twilio-oai.lock.json"]);
    // Nothing hidden but the stamp that records what was fetched: no staging or previous folder is left.
    expect(Object.keys(folderState(join(root, "specs"))!).filter((name) => name.startsWith("."))).toEqual([
      ".twilio-oai.stamp",
    ]);
  });
});

describe("a failed fetch writes nothing", () => {
  const expected = (name: string) => sha256(FIXTURE_FILES[name]!);
  it.each([
    // given the server's answer: want the error
    [
      "altered",
      `altered: twilio_alpha_v1.yaml: expected sha256 ${expected("twilio_alpha_v1.yaml")}, actual ${sha256(ALTERED["twilio_alpha_v1.yaml"])}`,
    ],
    [
      "missing",
      `missing: twilio_alpha_v1.yaml: expected sha256 ${expected("twilio_alpha_v1.yaml")}, actual (none: missing)`,
    ],
    [
      "extra",
      `extra:   twilio_gamma_v1.yaml: expected sha256 (none: not in the lock), actual ${sha256(EXTRA["twilio_gamma_v1.yaml"])}`,
    ],
    ["refused", "cannot connect: fetch failed (connect ECONNREFUSED"],
    ["cut", "cannot read: terminated"],
    ["gone", "HTTP 404 Not Found"],
    ["symlink", "twilio_gamma_v1.yaml: a link entry where spec files are expected; refused"],
    ["absolute", 'unsafe entry "/'],
    ["climbing", 'unsafe entry "../../../twilio-oai-9.9.9'],
  ])("%s: the error says %s", async (answer, message) => {
    for (const before of [undefined, { "twilio_old_v1.yaml": "a previous release" }]) {
      if (before) writeFiles(lockedSpecsFolder(root), before);
      const state = folderState(join(root, "specs"));
      serving(answer);
      const error = await fetchRelease().then(
        () => expect.fail("fetch succeeded"),
        (error: Error) => error,
      );
      expect(error.message).toContain(message);
      expect(folderState(join(root, "specs"))).toEqual(state);
    }
  });

  it("names the source, the lock and each differing file, and how to go on", async () => {
    serving("altered");
    await expect(fetchRelease()).rejects.toThrow(
      `${base}/altered${TARBALL}: 1 file(s) differ from twilio-oai ${FIXTURE_TAG} as specs/twilio-oai.lock.json locks it; nothing was written:\n` +
        `  altered: twilio_alpha_v1.yaml`,
    );
  });

  it("without a reachable source, says in one paragraph which command to run instead", async () => {
    serving("refused");
    const error = await fetchRelease().catch((error: Error) => error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^specs/twilio-oai.lock.json: cannot fetch twilio-oai ${FIXTURE_TAG}: no source answered \\(${refused}${TARBALL}: cannot connect: .*\\)\n` +
          `  fix: download https://github.com/twilio/twilio-oai/archive/refs/tags/${FIXTURE_TAG}.tar.gz where the internet is reachable ` +
          `\\(or clone https://github.com/twilio/twilio-oai at tag ${FIXTURE_TAG}\\), then run: npm run specs -- fetch --from twilio-oai-${FIXTURE_TAG}.tar.gz$`,
      ),
    );
  });
});

describe("file names and listings in the lock's errors", () => {
  it("names files called __proto__ and constructor like any other", async () => {
    root = projectRoot(lockOf({ ...FIXTURE_FILES, ["__proto__"]: "locked" }));
    const from = writeFiles(join(work, "proto"), { ...FIXTURE_FILES, constructor: "extra" });
    const error = await fetchRelease(from).catch((error: Error) => error);
    expect((error as Error).message).toContain(
      `2 file(s) differ from twilio-oai ${FIXTURE_TAG} as specs/twilio-oai.lock.json locks it; nothing was written:\n` +
        `  missing: __proto__: expected sha256 ${sha256("locked")}, actual (none: missing)\n` +
        `  extra:   constructor: expected sha256 (none: not in the lock), actual ${sha256("extra")}\n  fix: `,
    );
  });

  it("lists the first 20 differences and how many more: a huge lock gives a short error", async () => {
    const missing = Object.fromEntries([...Array(5000).keys()].map((index) => [`twilio_m${index}_v1.yaml`, "m"]));
    root = projectRoot(lockOf({ ...FIXTURE_FILES, ...missing }));
    const error = (await fetchRelease(writeFiles(join(work, "few"), FIXTURE_FILES)).catch((error) => error)) as Error;
    const lines = error.message.split("\n");
    expect(lines[0]).toMatch(/^.*: 5000 file\(s\) differ from/);
    expect(lines.slice(1, 21).every((line) => line.startsWith("  missing: twilio_m"))).toBe(true);
    expect(lines.slice(21)).toEqual(["  … and 4980 more", expect.stringMatching(/^ {2}fix: /)]);
  });
});

describe("fetch --from", () => {
  beforeEach(() => serving("refused"));

  it.each([
    ["a folder of the spec files", () => writeFiles(join(work, "plain"), FIXTURE_FILES)],
    [
      "a twilio-oai checkout",
      () => (writeFiles(join(work, "checkout", "spec", "yaml"), FIXTURE_FILES), join(work, "checkout")),
    ],
    [
      "a release .tar.gz",
      () => (writeFileSync(join(work, "r.tar.gz"), releaseTarball(FIXTURE_FILES)), join(work, "r.tar.gz")),
    ],
  ])("takes the release from %s, and only from there", async (_, source) => {
    const from = source();
    await fetchRelease(from);
    expect(fetchedFiles()).toEqual(FIXTURE_FILES);
    expect(lines[0]).toBe(`twilio-oai ${FIXTURE_TAG}: reading ${from}`);
  });

  it("checks it against the lock like any source", async () => {
    const from = writeFiles(join(work, "altered"), ALTERED);
    await expect(fetchRelease(from)).rejects.toThrow(`altered: twilio_alpha_v1.yaml: expected sha256`);
    expect(fetchedFiles()).toBeNull();
  });

  it("names a path that is no release and says what to pass", async () => {
    await expect(fetchRelease(join(work, "nowhere"))).rejects.toThrow(
      `${join(work, "nowhere")}: no such file or folder\n  fix: pass to --from a twilio-oai checkout, its spec/yaml folder, a folder of the spec files or a release .tar.gz`,
    );
  });
});

describe("npm run specs -- fetch", () => {
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const script = npmScript("specs", [...args, "--root", root]);
    return spawnSync(process.execPath, script.args, { encoding: "utf8", env: { ...script.env, ...env } });
  };

  it("exits 0 and reports each step on standard error", () => {
    const from = writeFiles(join(work, "cli"), FIXTURE_FILES);
    const { status, stdout, stderr } = cli(["fetch", "--from", from]);
    expect([status, stdout]).toEqual([0, ""]);
    expect(stderr).toBe(
      `twilio-oai ${FIXTURE_TAG}: reading ${from}\n` +
        `twilio-oai ${FIXTURE_TAG}: 3 files match the sha256 of specs/twilio-oai.lock.json\n` +
        `specs/twilio-oai: twilio-oai ${FIXTURE_TAG} written\n`,
    );
  });

  it("exits 2 with the error when no source answers", () => {
    const { status, stderr } = cli(["fetch"], { TWILIO_OAI_ARCHIVE_URL: refused });
    expect(status).toBe(2);
    expect(stderr).toContain(`error: specs/twilio-oai.lock.json: cannot fetch twilio-oai ${FIXTURE_TAG}`);
    expect(stderr).toContain(`npm run specs -- fetch --from twilio-oai-${FIXTURE_TAG}.tar.gz`);
    expect(folderState(lockedSpecsFolder(root))).toBeNull();
  });
});
