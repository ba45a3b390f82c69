import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchLockedRelease, lockedSpecsFolder, readLock } from "../../generator/release/fetchRelease.js";
import { findNpmMirrors } from "../../generator/release/findMirror.js";
import { releaseLimits } from "../../generator/release/limits.js";
import { updateLockedRelease } from "../../generator/release/updateRelease.js";
import {
  folderState,
  gitArchiveTarball,
  lockOf,
  npmPackageTarball,
  sha256,
  projectRoot,
  refusedUrl,
  releaseServer,
  writeFiles,
} from "./releaseFixtures.js";

// `npm run specs -- update` writes a complete lock: the commit that GitHub's tarball (a `git archive`, here
// made with node-tar and served from 127.0.0.1) records, and the npm mirror of the new release, found with
// the real npm in a registry on 127.0.0.1 among the later versions of the package that mirrored the old one.
const NOTES = readFileSync("test/specDiff/fixtures/twilio_notes_v1.yaml", "utf8");
const LABELS = readFileSync("test/specDiff/fixtures/twilio_labels_v1.yaml", "utf8");
const OLD = { "twilio_notes_v1.yaml": NOTES };
const NEW = { "twilio_notes_v1.yaml": NOTES, "twilio_labels_v1.yaml": LABELS };
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const PACKAGE = "twilio-oai-mirror-fixture";
const FOLDER = "package/twilio-oai/spec/yaml";
/** The mirror package's versions, oldest first: 1.0.0 ships the old release, 1.1.0 the new one, 1.2.0 a later one. */
const VERSIONS: [string, Record<string, string>][] = [
  ["1.0.0", OLD],
  ["1.1.0", NEW],
  ["1.2.0", { ...NEW, "twilio_later_v1.yaml": LABELS.replaceAll("labels", "laters") }],
];

/** Each update regenerates an SDK: seconds, more on a busy machine. */
const SLOW = { timeout: 180_000 };
const work = mkdtempSync(join(tmpdir(), "specs-update-mirror-"));
const saved = { ...process.env };
const servers: Server[] = [];
let registryUrl: string;
let archiveUrl: string;
let root: string;
let lines: string[];

beforeAll(async () => {
  const answers = new Map<string, Buffer>();
  const registry = await releaseServer(answers);
  registryUrl = registry.url;
  const packument = { name: PACKAGE, "dist-tags": { latest: "1.2.0" }, time: {}, versions: {} } as {
    time: Record<string, string>;
    versions: Record<string, object>;
  };
  for (const [index, [version, files]] of VERSIONS.entries()) {
    const tarball = await npmPackageTarball({ name: PACKAGE, version, license: "MIT" }, files);
    const path = `/${PACKAGE}/-/${PACKAGE}-${version}.tgz`;
    answers.set(path, tarball);
    const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
    packument.time[version] = `2026-0${index + 1}-01T00:00:00.000Z`;
    packument.versions[version] = {
      name: PACKAGE,
      version,
      license: "MIT",
      dist: { tarball: `${registryUrl}${path}`, integrity },
    };
  }
  answers.set(`/${PACKAGE}`, Buffer.from(JSON.stringify(packument)));
  const archive = await releaseServer(
    new Map([["/1.0.1.tar.gz", await gitArchiveTarball(NEW, { tag: "1.0.1", commit: COMMIT })]]),
  );
  archiveUrl = archive.url;
  servers.push(registry.server, archive.server);
});
afterAll(() => {
  servers.forEach((server) => server.close());
  process.env = saved;
  rmSync(work, { recursive: true, force: true });
});
beforeEach(async () => {
  const mirror = { package: PACKAGE, version: "1.0.0", folder: FOLDER, license: "MIT" };
  root = projectRoot({ ...lockOf(OLD, "1.0.0"), mirrors: [mirror] });
  lines = [];
  const from = writeFiles(mkdtempSync(join(work, "old-release-")), OLD);
  await fetchLockedRelease({ root, from, log: () => {} });
  process.env.npm_config_cache = mkdtempSync(join(work, "npm-cache-"));
  process.env.npm_config_update_notifier = "false";
  process.env.npm_config_registry = registryUrl;
  process.env.TWILIO_OAI_ARCHIVE_URL = archiveUrl;
});

const update = () => updateLockedRelease({ root, tag: "1.0.1", log: (line) => lines.push(line) });

describe("update --tag records a complete lock", SLOW, () => {
  it("the archive's commit and the mirror version that holds the new release; the next fetch needs no GitHub", async () => {
    const { lock } = await update();
    const mirror = { package: PACKAGE, version: "1.1.0", folder: FOLDER, license: "MIT" };
    expect(lock).toEqual({ ...lockOf(NEW, "1.0.1", COMMIT), mirrors: [mirror] });
    expect(readLock(root)).toEqual(lock);
    expect(lines.filter((line) => line.startsWith("npm mirror: "))).toEqual([
      `npm mirror: ${PACKAGE}@1.2.0: 1 file(s) differ from twilio-oai 1.0.1`,
      `npm mirror: ${PACKAGE}@1.1.0 holds twilio-oai 1.0.1 byte for byte (MIT)`,
    ]);

    // CI's next fetch, with GitHub unreachable: from the registry alone.
    rmSync(lockedSpecsFolder(root), { recursive: true });
    process.env.TWILIO_OAI_ARCHIVE_URL = await refusedUrl();
    const fetched: string[] = [];
    await fetchLockedRelease({ root, log: (line) => fetched.push(line) });
    expect(fetched[0]).toBe(`twilio-oai 1.0.1: fetching npm package ${PACKAGE}@1.1.0`);
    expect(folderState(lockedSpecsFolder(root))).toEqual(
      Object.fromEntries(Object.entries(NEW).map(([name, text]) => [name, Buffer.from(text).toString("base64")])),
    );
  });

  it("names no mirror, and says why, when the registry does not answer", async () => {
    process.env.npm_config_registry = await refusedUrl();
    const { lock } = await update();
    expect(lock).toEqual(lockOf(NEW, "1.0.1", COMMIT));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^npm mirror: npm package ${PACKAGE}: npm view failed: .+; the lock names no mirror of it$`),
      ),
    );
  });
});

describe("the mirror search", () => {
  const later = VERSIONS[2]![1];
  it.each([
    // given the old mirror's version and the new release: want the mirror found, and what was said
    ["1.0.0", later, "1.2.0", [`npm mirror: ${PACKAGE}@1.2.0 holds twilio-oai 1.0.1 byte for byte (MIT)`]],
    [
      "1.1.0",
      NEW,
      undefined,
      [
        `npm mirror: ${PACKAGE}@1.2.0: 1 file(s) differ from twilio-oai 1.0.1`,
        `npm mirror: no version of ${PACKAGE} published after 1.1.0 holds twilio-oai 1.0.1`,
      ],
    ],
  ])("after %s: tries the later versions, newest first", async (version, files, want, said) => {
    const old = { package: PACKAGE, version, folder: FOLDER, license: "MIT" };
    const hashes = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256(text)]));
    const log = (line: string) => lines.push(line);
    const found = await findNpmMirrors([old], { root, tag: "1.0.1", files: hashes, log, limits: releaseLimits() });
    expect(found).toEqual(want === undefined ? [] : [{ ...old, version: want }]);
    expect(lines).toEqual(said);
  });
});
