import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { readReleaseArchive } from "../../generator/release/archive.js";
import { fetchLockedRelease, lockedSpecsFolder } from "../../generator/release/fetchRelease.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "../../generator/release/limits.js";
import {
  craftedFiles,
  END,
  entry,
  gzip,
  header,
  headers,
  paxRecords,
  releaseEntries,
  SPECS,
  TOP,
  zerosBomb,
} from "./craftArchive.js";
import { folderState, lockOf, projectRoot } from "./releaseFixtures.js";

// `npm run specs -- fetch --from` on archives crafted byte by byte: every limit on what an archive may
// hold, and the refusals of unsafe entries, each naming the archive, the entry and the fix.
const work = mkdtempSync(join(tmpdir(), "specs-archive-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let root: string;
beforeEach(() => {
  root = projectRoot(lockOf(craftedFiles()));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

let archives = 0;
/** Fetches from `archive`, written to a file; the error it fails with. */
async function refusal(archive: Buffer, limits: Partial<ArchiveLimits> = {}): Promise<Error> {
  const from = join(work, `archive-${archives++}.tar.gz`);
  writeFileSync(from, archive);
  const state = folderState(join(root, "specs"));
  const error = await fetchLockedRelease({ root, from, log: () => {}, limits: { archive: limits } }).then(
    () => expect.fail("fetch succeeded"),
    (error: Error) => error,
  );
  expect(error.message.startsWith(`${from}: `)).toBe(true);
  expect(error.message).toContain("\n  fix: ");
  expect(folderState(join(root, "specs"))).toEqual(state);
  return error;
}

const MiB = 2 ** 20;

describe("a gzip bomb", () => {
  it("in a spec entry (1.9 GiB of zeros in a 2 MB archive) is refused from the entry's header", async () => {
    const bomb = zerosBomb(`${SPECS}/zzz.yaml`, 122 * 16 * MiB, releaseEntries());
    const error = await refusal(bomb.bytes());
    expect(error.message).toContain(
      `: ${SPECS}/zzz.yaml: 1.9 GiB, over the limit of 16 MiB for one spec file; refused\n  fix: `,
    );
  });

  it("is stopped early, without inflating it: only the start of the compressed stream is read", async () => {
    // 7.5 GiB of zeros in 7.7 MB of gzip.
    const bomb = zerosBomb(`${SPECS}/zzz.yaml`, 480 * 16 * MiB, releaseEntries());
    const destination = mkdtempSync(join(work, "bomb-"));
    const reading = readReleaseArchive(bomb.stream, {
      folder: "spec/yaml",
      exact: false,
      destination,
      limits: DEFAULT_ARCHIVE_LIMITS,
    });
    await expect(reading).rejects.toThrow(`${SPECS}/zzz.yaml: 7.5 GiB, over the limit of 16 MiB for one spec file`);
    expect(bomb.pulled()).toBeLessThan(256 * 1024);
  });
});

describe("limits, lowered here so that small archives reach them", () => {
  it.each([
    // given the limit and what the archive adds: want the error
    [
      "one spec file",
      { specFileBytes: 1000 },
      [],
      `${SPECS}/twilio_beta_v2.yaml: 261.8 KiB, over the limit of 1000 bytes for one spec file`,
    ],
    [
      "all spec files",
      { specBytes: 300 * 1024 },
      [entry({ name: `${SPECS}/twilio_gamma_v1.yaml`, body: "x".repeat(100 * 1024) })],
      `${SPECS}/twilio_gamma_v1.yaml: the spec files pass 300 KiB together here, over the limit for a release`,
    ],
    [
      "the decompressed archive",
      { archiveBytes: 512 * 1024 },
      [entry({ name: `${TOP}/README.md`, body: Buffer.alloc(1024 * 1024) })],
      "more than 512 KiB uncompressed, over the limit for a release archive",
    ],
    ["entries", { entries: 3 }, [], "more than 3 entries (a release archive has a few hundred); refused"],
    [
      "a pax header, on an entry that is skipped",
      { metaBytes: 1024 },
      [
        entry({ name: "PaxHeader", type: "x", body: paxRecords({ comment: "c".repeat(4096) }) }),
        entry({ name: `${TOP}/a` }),
      ],
      `a pax extended header (x) after "${SPECS}/twilio_beta_v2.yaml" holds 4 KiB, over the limit of 1 KiB for metadata`,
    ],
  ])("%s", async (_, limits, added, message) => {
    const error = await refusal(gzip(...releaseEntries(), ...(added as Buffer[]), END), limits);
    expect(error.message).toContain(message);
  });

  it("refuses a huge GNU long name even on an entry that is skipped, without reading it (default limits)", async () => {
    const longName = entry({ name: "././@LongLink", type: "L", body: `${TOP}/${"n".repeat(2 * MiB)}` });
    const error = await refusal(gzip(...releaseEntries(), longName, entry({ name: `${TOP}/short` }), END));
    expect(error.message).toContain(
      `a GNU long-name header (L) after "${SPECS}/twilio_beta_v2.yaml" holds 2 MiB, over the limit of 64 KiB for metadata; refused`,
    );
  });
});

describe("many spec folders", () => {
  /** `count` folders `d<N>/spec/yaml/`. */
  const folders = (count: number) =>
    gzipSync(Buffer.concat([headers(count, "5", (index) => `d${index}/spec/yaml/`), END]), { level: 1 });

  it("300,000 of them (which crashed the old reader) stop at the entry limit with a clear error", async () => {
    // The limit is lowered from 100,000 so that the read stops soon: the default only takes longer to reach.
    const error = await refusal(folders(300_000), { entries: 10_000 });
    expect(error.message).toContain("more than 10000 entries (a release archive has a few hundred); refused");
  });

  it("as shallow as each other are listed, the first ten and how many more", async () => {
    const error = await refusal(folders(12));
    expect(error.message).toContain(
      `12 spec/yaml/ folders in the archive, none shallower: ${[...Array(10).keys()].map((index) => `d${index}/spec/yaml/`).join(", ")} … and 2 more`,
    );
  });
});

describe("unsafe or damaged entries are refused, naming the entry", () => {
  const spec = (name: string, type: string, more: Partial<Parameters<typeof entry>[0]> = {}) =>
    entry({ name: `${SPECS}/${name}`, type, ...more });
  it.each([
    // given what the archive adds: want the error
    [
      "a pax path climbing out",
      [
        entry({ name: "PaxHeader", type: "x", body: paxRecords({ path: `${SPECS}/../../../../etc/passwd` }) }),
        spec("a.yaml", "0"),
      ],
      `unsafe entry "${SPECS}/../../../../etc/passwd": absolute, or climbing out with ..; refused`,
    ],
    [
      "a GNU long name that is absolute",
      [entry({ name: "././@LongLink", type: "L", body: `/etc/${"x".repeat(200)}` }), spec("a.yaml", "0")],
      `unsafe entry "/etc/${"x".repeat(95)}`,
    ],
    [
      "a device",
      [spec("twilio_gamma_v1.yaml", "3")],
      `${SPECS}/twilio_gamma_v1.yaml: a special entry where spec files are expected`,
    ],
    [
      "a hard link",
      [spec("twilio_gamma_v1.yaml", "1", { linkname: "/etc/passwd" })],
      `${SPECS}/twilio_gamma_v1.yaml: a link entry where spec files are expected`,
    ],
    ["an entry of unknown type", [spec("twilio_gamma_v1.yaml", "V")], `${SPECS}/twilio_gamma_v1.yaml: a special entry`],
    [
      "a subfolder",
      [spec("sub/twilio_gamma_v1.yaml", "0")],
      `${SPECS}/sub/twilio_gamma_v1.yaml: not a plain file name`,
    ],
    [
      "a name with control characters, shown escaped",
      [spec("twilio\n  fix: \u001b[31mrun this.yaml", "0")],
      `: ${SPECS}/twilio\\n  fix: \\u001b[31mrun this.yaml: not a plain file name`,
    ],
    [
      "a second copy",
      [spec("twilio_alpha_v1.yaml", "0")],
      `${SPECS}/twilio_alpha_v1.yaml: a second entry for the same spec file`,
    ],
    [
      "a damaged header",
      [Buffer.from(header({ name: `${SPECS}/twilio_gamma_v1.yaml` }).fill(7, 0, 1))],
      "not a tar archive, or damaged: checksum failure",
    ],
  ])("%s", async (_, added, message) => {
    const error = await refusal(gzip(...releaseEntries(), ...(added as Buffer[]), END));
    expect(error.message).toContain(message);
  });

  it("a tar.gz inside the gzip stream", async () => {
    const error = await refusal(gzip(gzip(...releaseEntries(), END)));
    expect(error.message).toContain("compressed twice (a .tar.gz inside the gzip stream)");
  });

  it("does not suggest a .tar.gz to someone who gave one: it says to download it again", async () => {
    const error = await refusal(Buffer.from("not gzip at all"));
    expect(error.message).toMatch(
      /\n {2}fix: .*\.tar\.gz is no usable release archive: download the release's \.tar\.gz again, or pass a twilio-oai checkout or its spec folder to --from$/,
    );
  });
});

it("a crafted archive within every limit is fetched, and leaves no temporary folder behind", async () => {
  const from = join(work, "good.tar.gz");
  writeFileSync(from, gzip(...releaseEntries(), END));
  const before = readdirSync(tmpdir()).filter((name) => name.startsWith("twilio-oai-release-"));
  await fetchLockedRelease({ root, from, log: () => {} });
  expect(Object.keys(folderState(lockedSpecsFolder(root))!)).toEqual(Object.keys(craftedFiles()).sort());
  expect(readdirSync(tmpdir()).filter((name) => name.startsWith("twilio-oai-release-"))).toEqual(before);
});
