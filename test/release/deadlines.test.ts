import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchLockedRelease, lockedSpecsFolder } from "../../generator/release/fetchRelease.js";
import type { Deadlines } from "../../generator/release/limits.js";
import { updateLockedRelease } from "../../generator/release/updateRelease.js";
import {
  FIXTURE_FILES,
  FIXTURE_TAG,
  folderState,
  lockOf,
  projectRoot,
  refusedUrl,
  releaseTarball,
  writeFiles,
} from "./releaseFixtures.js";
import { npmScript } from "../support/npmScript.js";

// Downloads against 127.0.0.1 servers that never finish: each is stopped by its deadline (tiny here),
// named with the URL, and leaves specs/ (the lock included) as it was.
const TARBALL = `/${FIXTURE_TAG}.tar.gz`;
const servers: Server[] = [];
let root: string;

beforeEach(() => {
  root = projectRoot(lockOf(FIXTURE_FILES));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  delete process.env.TWILIO_OAI_ARCHIVE_URL;
  delete process.env.npm_config_registry;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A server that answers every request with `answer`, which writes to the response for as long as it likes. */
async function serving(answer: (response: ServerResponse) => void): Promise<string> {
  const server = createServer((_, response) => answer(response));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes `bytes` one at a time, every `interval` ms, until the connection closes. */
function dribble(bytes: Buffer, interval: number) {
  return (response: ServerResponse) => {
    response.writeHead(200, { "content-type": "application/gzip" });
    response.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < bytes.length) response.write(bytes.subarray(sent, ++sent));
    }, interval);
    response.on("close", () => clearInterval(timer));
  };
}

/** A gzip header, then empty stored deflate blocks every 10 ms, forever: bytes that decompress to nothing. */
function emptyBlocks(response: ServerResponse) {
  response.writeHead(200, { "content-type": "application/gzip" });
  response.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
  const timer = setInterval(() => response.write(Buffer.from([0, 0, 0, 0xff, 0xff])), 10);
  response.on("close", () => clearInterval(timer));
}

const silent = () => {};

/** Fetches with `deadlines` from the URL; the error, once the specs folder is shown unchanged. */
async function missed(url: string, deadlines: Partial<Deadlines>): Promise<string> {
  process.env.TWILIO_OAI_ARCHIVE_URL = url;
  const messages: string[] = [];
  for (const before of [undefined, { "twilio_old_v1.yaml": "a previous release" }]) {
    if (before) writeFiles(lockedSpecsFolder(root), before);
    const state = folderState(join(root, "specs"));
    const error = await fetchLockedRelease({ root, log: () => {}, limits: { deadlines } }).then(
      () => expect.fail("fetch succeeded"),
      (error: Error) => error,
    );
    expect(folderState(join(root, "specs"))).toEqual(state);
    messages.push(error.message);
  }
  return messages[0]!;
}

describe("each download deadline stops a server that never finishes", () => {
  it("connect: a server that accepts the connection and never answers", async () => {
    const url = await serving(silent);
    expect(await missed(url, { connect: 0.3 })).toContain(
      `${url}${TARBALL}: no answer within 0.3 s (the connect deadline; --connect-timeout SECONDS allows more)`,
    );
  });

  it("idle: a server that dribbles a byte now and then", async () => {
    const url = await serving(dribble(releaseTarball(FIXTURE_FILES), 500));
    expect(await missed(url, { idle: 0.3 })).toContain(
      `${url}${TARBALL}: stalled: no archive data for 0.3 s (the idle deadline; --idle-timeout SECONDS allows more)`,
    );
  });

  it("idle: a server that keeps sending empty deflate blocks, which decompress to nothing", async () => {
    const url = await serving(emptyBlocks);
    expect(await missed(url, { idle: 0.3 })).toContain(
      `${url}${TARBALL}: stalled: no archive data for 0.3 s (the idle deadline`,
    );
  });

  it("total: a server that dribbles fast enough for the idle deadline, never to the end", async () => {
    // Stored (level 0) deflate: each byte is archive data as soon as it arrives.
    const url = await serving(dribble(gzipSync(Buffer.alloc(64 * 1024), { level: 0 }), 20));
    expect(await missed(url, { idle: 5, total: 0.8 })).toContain(
      `${url}${TARBALL}: not complete within 0.8 s (the total deadline; --total-timeout SECONDS allows more)`,
    );
  });

  it("says, in the fix, that more time can be allowed", async () => {
    const url = await serving(silent);
    expect(await missed(url, { connect: 0.2 })).toContain(
      "; on a slow network, allow more time: npm run specs -- fetch with --connect-timeout, --idle-timeout, --total-timeout SECONDS",
    );
  });
});

describe("npm run specs -- fetch / update with deadline flags", () => {
  const cli = promisify(execFile);
  const specs = (...args: string[]) => {
    const script = npmScript("specs", [...args, "--root", root]);
    return cli(process.execPath, script.args, { env: script.env }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
  };

  it("fetch --connect-timeout: exits 2 naming the URL and the deadline, specs/ untouched", async () => {
    const url = await serving(silent);
    process.env.TWILIO_OAI_ARCHIVE_URL = url;
    const state = folderState(join(root, "specs"));
    const { code, stderr } = await specs("fetch", "--connect-timeout", "0.3");
    expect(code).toBe(2);
    expect(stderr).toContain(`${url}${TARBALL}: no answer within 0.3 s (the connect deadline`);
    expect(folderState(join(root, "specs"))).toEqual(state);
  });

  it("refuses a deadline that is not a number of seconds", async () => {
    const { code, stderr } = await specs("fetch", "--idle-timeout", "soon");
    expect(code).toBe(2);
    expect(stderr).toContain(
      'error: --idle-timeout expects a number of seconds above 0, such as 30 or 0.5; got "soon"',
    );
  });

  it("update --idle-timeout: the lock, the specs and their stamp stay as they were", async () => {
    await fetchLockedRelease({ root, from: writeFiles(join(root, "old"), FIXTURE_FILES), log: () => {} });
    rmSync(join(root, "old"), { recursive: true });
    process.env.TWILIO_OAI_ARCHIVE_URL = await serving(emptyBlocks);
    const state = folderState(join(root, "specs"));
    const update = updateLockedRelease({ root, tag: "9.9.10", log: () => {}, limits: { deadlines: { idle: 0.3 } } });
    await expect(update).rejects.toThrow(/9\.9\.10\.tar\.gz: stalled: no archive data for 0\.3 s \(the idle deadline/);
    expect(folderState(join(root, "specs"))).toEqual(state);
  });
});

describe("the npm mirror's deadlines", () => {
  const MIRROR = {
    package: "twilio-oai-mirror-fixture",
    version: "1.0.0",
    folder: "package/spec/yaml",
    license: "MIT",
  };
  const work = mkdtempSync(join(tmpdir(), "specs-deadline-npm-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeEach(async () => {
    rmSync(root, { recursive: true, force: true });
    root = projectRoot({ ...lockOf(FIXTURE_FILES), mirrors: [MIRROR] });
    process.env.npm_config_cache = mkdtempSync(join(work, "cache-"));
    process.env.npm_config_registry = await serving(silent);
    process.env.TWILIO_OAI_ARCHIVE_URL = await refusedUrl();
  });

  it.each([
    // given the deadlines: want what the mirror's failure says
    [{ total: 2 }, "npm pack not done within 2 s (the total deadline; --total-timeout SECONDS allows more)"],
    [{ idle: 0.5 }, "(npm's fetch-timeout, the idle deadline of 0.5 s; --idle-timeout SECONDS allows more)"],
  ])("%j: a registry that never answers", async (deadlines, message) => {
    const state = folderState(join(root, "specs"));
    const error = await fetchLockedRelease({ root, log: () => {}, limits: { deadlines } }).catch((error) => error);
    expect((error as Error).message).toContain(`npm package ${MIRROR.package}@${MIRROR.version}: `);
    expect((error as Error).message).toContain(message);
    expect(folderState(join(root, "specs"))).toEqual(state);
    expect(readFileSync(join(root, "specs", "twilio-oai.lock.json"), "utf8")).toContain(MIRROR.package);
  });
});
