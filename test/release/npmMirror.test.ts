import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
  writeFiles,
} from "./releaseFixtures.js";

// The lock's npm mirror, fetched with the real npm from a registry on 127.0.0.1 (npm_config_registry),
// then GitHub's tarball (a 127.0.0.1 server too) when the registry does not answer.
const PACKAGE = "twilio-oai-mirror-fixture";
const VERSION = "1.0.0";
const MIRROR = { package: PACKAGE, version: VERSION, folder: "package/twilio-oai/spec/yaml", license: "MIT" };
const work = mkdtempSync(join(tmpdir(), "specs-npm-"));
const saved = { ...process.env };
let registry: Server;
let archive: Server;
let registryUrl: string;
let archiveUrl: string;
let refused: string;
let root: string;
let lines: string[];

beforeAll(async () => {
  writeFiles(join(work, "package"), { "package.json": JSON.stringify({ name: PACKAGE, version: VERSION }) });
  writeFiles(join(work, "package", "twilio-oai", "spec", "yaml"), FIXTURE_FILES);
  writeFiles(join(work, "package", "twilio-oai", "spec", "json"), { "twilio_alpha_v1.json": "{}" });
  execFileSync("tar", ["-czf", join(work, "mirror.tgz"), "-C", work, "package"]);
  const tarball = readFileSync(join(work, "mirror.tgz"));
  const tarballPath = `/${PACKAGE}/-/${PACKAGE}-${VERSION}.tgz`;
  const answers = new Map<string, Buffer>([[tarballPath, tarball]]);
  ({ server: registry, url: registryUrl } = await releaseServer(answers));
  const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
  const packument = {
    name: PACKAGE,
    "dist-tags": { latest: VERSION },
    versions: {
      [VERSION]: { name: PACKAGE, version: VERSION, dist: { tarball: `${registryUrl}${tarballPath}`, integrity } },
    },
  };
  answers.set(`/${PACKAGE}`, Buffer.from(JSON.stringify(packument)));
  ({ server: archive, url: archiveUrl } = await releaseServer(
    new Map([[`/${FIXTURE_TAG}.tar.gz`, releaseTarball(FIXTURE_FILES)]]),
  ));
  refused = await refusedUrl();
});
afterAll(() => {
  registry.close();
  archive.close();
  process.env = saved;
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  root = projectRoot({ ...lockOf(FIXTURE_FILES), mirrors: [MIRROR] });
  lines = [];
  process.env.npm_config_cache = mkdtempSync(join(work, "npm-cache-"));
  process.env.npm_config_update_notifier = "false";
  process.env.TWILIO_OAI_ARCHIVE_URL = archiveUrl;
});

const fetchRelease = () => fetchLockedRelease({ root, log: (line) => lines.push(line) });

describe("fetch from the lock's npm mirror", () => {
  it("takes the package's tarball alone from the user's registry, not GitHub, and installs nothing", async () => {
    process.env.npm_config_registry = registryUrl;
    await fetchRelease();
    expect(folderState(lockedSpecsFolder(root))).toEqual(
      folderState(join(work, "package", "twilio-oai", "spec", "yaml")),
    );
    expect(lines[0]).toBe(`twilio-oai ${FIXTURE_TAG}: fetching npm package ${PACKAGE}@${VERSION}`);
    expect(lines.join("\n")).not.toContain(archiveUrl);
    expect(readdirSync(root)).toEqual(["specs"]);
  });

  it("goes on to GitHub's tarball when the registry does not answer, saying why", async () => {
    process.env.npm_config_registry = refused;
    await fetchRelease();
    expect(Object.keys(folderState(lockedSpecsFolder(root))!)).toEqual(Object.keys(FIXTURE_FILES).sort());
    expect(lines[1]).toMatch(
      new RegExp(`^twilio-oai ${FIXTURE_TAG}: npm package ${PACKAGE}@${VERSION}: npm pack failed: .+`),
    );
    expect(lines[2]).toBe(`twilio-oai ${FIXTURE_TAG}: fetching ${archiveUrl}/${FIXTURE_TAG}.tar.gz`);
  });
});
