import { readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockedSpecsFolder, readLock } from "../../generator/release/fetchRelease.js";
import { fetchLockedRelease } from "../../generator/release/fetchRelease.js";
import { checkLockedFolder } from "../../generator/release/folderHashes.js";
import { FIXTURE_FILES, lockOf, projectRoot, writeFiles } from "./releaseFixtures.js";

// The check before every default run reads no file whose size, time and inode the stamp vouches for.
let root: string;
const check = () => checkLockedFolder(root, readLock(root));
const ALPHA = "twilio_alpha_v1.yaml";

beforeEach(async () => {
  root = projectRoot(lockOf(FIXTURE_FILES));
  const from = writeFiles(join(root, "release"), FIXTURE_FILES);
  await fetchLockedRelease({ root, from, log: () => {} });
  rmSync(from, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the stamp beside the fetched release", () => {
  it("records the fetch: a warm check hashes no file", () => {
    expect(check()).toEqual({ status: "locked", hashed: 0 });
    expect(check()).toEqual({ status: "locked", hashed: 0 });
  });

  it("trusts a file whose size, time and inode match: an edit that keeps them goes unseen (the cost of a warm check)", () => {
    const file = join(lockedSpecsFolder(root), ALPHA);
    const { atime, mtime } = { atime: new Date(1e12), mtime: new Date(1e12) };
    utimesSync(file, atime, mtime);
    check(); // stamps the new time
    writeFileSync(file, FIXTURE_FILES[ALPHA]!.replace("alpha", "ALPHA"));
    utimesSync(file, atime, mtime);
    expect(check()).toEqual({ status: "locked", hashed: 0 });
  });

  it("hashes again a file whose time changed, then trusts it again", () => {
    const file = join(lockedSpecsFolder(root), ALPHA);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(check()).toEqual({ status: "locked", hashed: 1 });
    expect(check()).toEqual({ status: "locked", hashed: 0 });
  });

  it("is made on the first check of a folder fetched without one, from every file's hash", () => {
    rmSync(join(root, "specs", ".twilio-oai.stamp"));
    expect(check()).toEqual({ status: "locked", hashed: 3 });
    expect(check()).toEqual({ status: "locked", hashed: 0 });
  });

  it("that is damaged is not trusted: every file is hashed again", () => {
    writeFileSync(
      join(root, "specs", ".twilio-oai.stamp"),
      readFileSync(join(root, "specs", ".twilio-oai.stamp"), "utf8").slice(0, 40),
    );
    expect(check()).toEqual({ status: "locked", hashed: 3 });
  });
});
