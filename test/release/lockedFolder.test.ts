import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSpecs } from "../../generator/defaultSpecs.js";
import { fetchLockedRelease, lockedSpecsFolder } from "../../generator/release/fetchRelease.js";
import {
  FIXTURE_FILES,
  folderState,
  lockOf,
  projectRoot,
  releaseServer,
  releaseTarball,
  sha256,
} from "./releaseFixtures.js";

// What `npm run generate` builds from by default: specs/twilio-oai/ checked against the lock before every
// run. Two releases are served from 127.0.0.1; the project starts with the first fetched.
const FIRST = { tag: "9.9.9", files: FIXTURE_FILES };
const SECOND = { tag: "9.9.10", files: { ...FIXTURE_FILES, "twilio_gamma_v1.yaml": "openapi: 3.0.1\n" } };
const ALPHA = "twilio_alpha_v1.yaml";
let server: Server;
let root: string;
let lines: string[];

beforeAll(async () => {
  const answers = new Map(
    [FIRST, SECOND].map(({ tag, files }) => [`/${tag}.tar.gz`, releaseTarball(files, { tag })] as const),
  );
  let url: string;
  ({ server, url } = await releaseServer(answers));
  process.env.TWILIO_OAI_ARCHIVE_URL = url;
});
afterAll(() => {
  server.close();
  delete process.env.TWILIO_OAI_ARCHIVE_URL;
});
beforeEach(async () => {
  root = projectRoot(lockOf(FIRST.files, FIRST.tag));
  await fetchLockedRelease({ root, log: () => {} });
  lines = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const specs = () => defaultSpecs(root, (line) => lines.push(line));
const fetched = () => lockedSpecsFolder(root);
const moveLock = () =>
  writeFileSync(join(root, "specs", "twilio-oai.lock.json"), JSON.stringify(lockOf(SECOND.files, SECOND.tag)));

describe("the release folder against the lock, before each default run", () => {
  it("is used as it is when it holds the locked release", async () => {
    await expect(specs()).resolves.toEqual({ specs: ["specs/twilio-oai"], specRelease: FIRST.tag });
    expect(lines).toEqual([]);
  });

  it("after the lock moved (a pull, a checkout), is fetched again before the run, which then builds the new release", async () => {
    moveLock();
    await expect(specs()).resolves.toEqual({ specs: ["specs/twilio-oai"], specRelease: SECOND.tag });
    expect(lines[0]).toBe(
      "specs/twilio-oai holds twilio-oai 9.9.9 as fetched; specs/twilio-oai.lock.json now pins 9.9.10",
    );
    expect(lines).toContain("specs/twilio-oai: twilio-oai 9.9.10 written");
    const files = folderState(fetched())!;
    expect(Object.keys(files)).toEqual(Object.keys(SECOND.files).sort());
  });

  it.each([
    // given a change to the fetched folder: want the line that names it
    [
      "an edited file",
      () => writeFileSync(join(fetched(), ALPHA), "edited"),
      `  altered: ${ALPHA}: expected sha256 ${sha256(FIXTURE_FILES[ALPHA]!)}, actual ${sha256("edited")}`,
    ],
    [
      "an added file",
      () => writeFileSync(join(fetched(), "twilio_mine_v1.yaml"), "mine"),
      `  extra:   twilio_mine_v1.yaml: expected sha256 (none: not in the lock), actual ${sha256("mine")}`,
    ],
    [
      "a removed file",
      () => rmSync(join(fetched(), ALPHA)),
      `  missing: ${ALPHA}: expected sha256 ${sha256(FIXTURE_FILES[ALPHA]!)}, actual (none: missing)`,
    ],
    [
      "a subfolder",
      () => mkdirSync(join(fetched(), "drafts")),
      "  not a spec file (a subfolder, a link or a dot file): drafts",
    ],
  ])("with %s, is refused with the command that puts the release back, and left as it is", async (_, change, line) => {
    change();
    for (const lockMoved of [false, true]) {
      if (lockMoved) moveLock(); // edits are not overwritten when the lock moved as well
      const state = folderState(join(root, "specs"));
      const error = await specs().catch((error: Error) => error);
      expect((error as Error).message).toMatch(
        /^specs\/twilio-oai: differs from twilio-oai 9\.9\.(9|10) as specs\/twilio-oai\.lock\.json locks it, and not because the lock moved: edited, added or removed here since it was fetched; not used:\n/,
      );
      expect((error as Error).message).toContain(`\n${line}\n`);
      expect((error as Error).message).toMatch(
        /\n {2}fix: npm run specs -- fetch puts the locked release back, replacing specs\/twilio-oai\/ as a whole/,
      );
      expect(folderState(join(root, "specs"))).toEqual(state);
    }
  });

  it("a folder no fetch recorded (an older version fetched it) is used when it matches the lock", async () => {
    rmSync(join(root, "specs", ".twilio-oai.stamp"));
    await expect(specs()).resolves.toMatchObject({ specRelease: FIRST.tag });
  });

  it("a folder no fetch recorded is refused when it does not match: nothing tells an old release from edits", async () => {
    rmSync(join(root, "specs", ".twilio-oai.stamp"));
    moveLock();
    await expect(specs()).rejects.toThrow("and not because the lock moved");
  });
});
