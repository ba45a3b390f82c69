import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchLockedRelease, lockedSpecsFolder, readLock } from "../../generator/release/fetchRelease.js";
import { updateLockedRelease } from "../../generator/release/updateRelease.js";
import { CORPUS_LOCATION, REPO_ROOT } from "../support/corpus.js";
import { npmScript } from "../support/npmScript.js";
import { folderState, projectRoot, refusedUrl, sha256 } from "./releaseFixtures.js";

// Updates between Twilio's real releases, which live beside the checkout (never copied into the project).
// Under CI=true the tests run, and fail, when the releases are absent.
const OLDER = `${CORPUS_LOCATION}/2025-01-13`; // twilio-oai 2.1.10
const NEWEST = `${CORPUS_LOCATION}/2026-04-14`; // twilio-oai 2.6.7
const present = existsSync(join(REPO_ROOT, OLDER)) && existsSync(join(REPO_ROOT, NEWEST));
const required = process.env.CI === "true";
if (!present && !required)
  console.warn(`real update tests skipped: ${OLDER} and ${NEWEST} are needed beside the checkout`);

/** Every spec of the newest release, with its sha256: what the lock must name after the update. */
const newestHashes = () =>
  Object.fromEntries(
    readdirSync(join(REPO_ROOT, NEWEST))
      .sort()
      .map((name) => [name, sha256(readFileSync(join(REPO_ROOT, NEWEST, name)))]),
  );

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe.skipIf(!present && !required)("updating between Twilio's real releases", { timeout: 600_000 }, () => {
  it("2.1.10 (2025-01-13) -> 2.6.7 (2026-04-14): the report flags twilio_preview losing If-Match", async () => {
    const files = Object.fromEntries(
      readdirSync(join(REPO_ROOT, OLDER)).map((name) => [name, sha256(readFileSync(join(REPO_ROOT, OLDER, name)))]),
    );
    const commit = "568f53988b06238ffea9b0fe8060f887195a73cf";
    const root = projectRoot({
      repository: "twilio/twilio-oai",
      tag: "2.1.10",
      commit,
      folder: "spec/yaml",
      mirrors: [],
      files,
    });
    roots.push(root);
    await fetchLockedRelease({ root, from: join(REPO_ROOT, OLDER), log: () => {} });
    const { lock, report } = await updateLockedRelease({
      root,
      tag: "2.6.7",
      from: join(REPO_ROOT, NEWEST),
      log: () => {},
    });
    expect(report).toMatch(
      /^# SDK change report\n\nFrom `twilio-oai 2\.1\.10 \(568f539\)` to `twilio-oai 2\.6\.7`\.\n/,
    );
    expect(report).toContain(
      "**`If-Match` lost on 5 operations** in `twilio_preview.yaml`: no longer conditional, the last write\nwins.",
    );
    expect(lock).toMatchObject({ tag: "2.6.7", commit: null, files: newestHashes() });
  });
});

describe.skipIf(!present && !required)("npm run specs -- update from the pinned release", { timeout: 600_000 }, () => {
  let root: string;
  let pinned: string | undefined;

  // The pinned release (2.3.4) as the project has it in specs/twilio-oai, else fetched through the npm registry
  // (its mirror), never from GitHub. Offline and without it, the test is skipped unless CI=true.
  beforeAll(async () => {
    root = projectRoot(JSON.parse(readFileSync(join(REPO_ROOT, "specs", "twilio-oai.lock.json"), "utf8")));
    roots.push(root);
    const inProject = lockedSpecsFolder(REPO_ROOT);
    process.env.TWILIO_OAI_ARCHIVE_URL = await refusedUrl();
    try {
      await fetchLockedRelease({ root, from: existsSync(inProject) ? inProject : undefined, log: () => {} });
      pinned = readLock(root).tag;
    } catch (error) {
      if (required) throw error;
      console.warn(`update from the pinned release skipped: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      delete process.env.TWILIO_OAI_ARCHIVE_URL;
    }
  }, 120_000);

  it("2.3.4 -> 2.6.7 --from the 2026-04-14 folder: the lock, the regenerated SDK, the printed report", async (context) => {
    if (pinned === undefined) return context.skip();
    const script = npmScript("specs", ["update", "--tag", "2.6.7", "--from", NEWEST, "--root", root]);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, script.args, {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 2 ** 20,
      // The mirror search (a later @twilio-alpha/mcp holding 2.6.7) reaches no registry: tests stay offline.
      env: { ...script.env, npm_config_registry: await refusedUrl() },
    });
    expect(stdout).toMatch(/^# SDK change report\n\nFrom `twilio-oai 2\.3\.4 \(4ae76f3\)` to `twilio-oai 2\.6\.7`\.\n/);
    expect(stdout).toMatch(/\| before \| +50 \| +1407 \| +14 \| +28 \|\n\| after +\| +55 \| +1447 \| +15 \| +28 \|/);
    expect(stdout).toContain("Spec files removed: `twilio_iam_v2.yaml` (no operations).");
    expect(stderr).toContain("specs/twilio-oai.lock.json: twilio-oai 2.3.4 -> 2.6.7 (55 files)");
    expect(stderr).toMatch(
      /^npm mirror: npm package @twilio-alpha\/mcp: npm view failed: .+; the lock names no mirror of it$/m,
    );
    expect(readLock(root)).toEqual({
      repository: "twilio/twilio-oai",
      tag: "2.6.7",
      commit: null,
      folder: "spec/yaml",
      mirrors: [],
      files: newestHashes(),
    });
    expect(folderState(lockedSpecsFolder(root))).toEqual(folderState(join(REPO_ROOT, NEWEST)));
    expect(readFileSync(join(root, "generated", "CONCURRENCY.md"), "utf8")).toContain(
      "15 operations accept `ifMatch` (the spec declares an `If-Match` header) and\n28 responses carry an `ETag` header, across 55 specs.",
    );
    expect(existsSync(join(root, "generated", "taskrouter", "v1", "index.ts"))).toBe(true);
  });
});
