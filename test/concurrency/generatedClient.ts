/**
 * Shared set-up for the end-to-end concurrency tests: an SDK generated on the fly from a few
 * spec files (only the ones a test needs, so that it stays fast), Twilio's real specs located
 * beside the checkout, and the versioned server of test/support.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { generate } from "../../generator/generate.js";
import type * as Runtime from "../../runtime/index.js";
import { ETAG_HEADER_NAMES, startVersionedServer } from "../support/versionedServer.js";
import { pinnedRelease } from "../support/corpus.js";
import type { VersionedServer } from "../support/versionedServer.js";

export { REPO_ROOT, pinnedRelease } from "../support/corpus.js";

/** The named spec files of the pinned release; an error naming `what` when one is not in it. */
export function corpusSpecs(what: string, ...fileNames: string[]): string[] {
  const corpus = pinnedRelease();
  const files = fileNames.map((name) => join(corpus, name));
  const missing = fileNames.filter((_name, index) => !existsSync(files[index]!));
  if (missing.length > 0) throw new Error(`${what}: ${missing.join(", ")} not in the pinned release (${corpus})`);
  return files;
}

/**
 * What a generated SDK's `index.ts` exports: its own copy of the runtime (error classes,
 * retryOnConflict, ...) and the root client. The client is `any`: its type only exists once the
 * SDK is generated; the compile-time tests (ifMatchTypes.test.ts) check the generated types.
 */
export type GeneratedSdk = typeof Runtime & {
  Twilio: new (options: Runtime.ClientOptions) => any;
};

export interface GeneratedSdkHandle {
  /** The imported `<out>/index.ts`. */
  readonly sdk: GeneratedSdk;
  /** The folder the SDK was generated into. */
  readonly out: string;
}

/**
 * Generates an SDK from `specs` into a temporary folder in beforeAll, imports its index.ts and
 * removes the folder in afterAll. Call it inside the describe block that uses it, so that a
 * skipped block generates nothing.
 */
export function useGeneratedSdk(specs: () => string[]): GeneratedSdkHandle {
  let out: string | undefined;
  let sdk: GeneratedSdk | undefined;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "sdk-concurrency-"));
    await generate({ specs: specs(), out, check: false, cacheDir: undefined });
    sdk = (await import(pathToFileURL(join(out, "index.ts")).href)) as GeneratedSdk;
  }, 120_000);
  afterAll(() => {
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  });
  return {
    get sdk() {
      if (sdk === undefined) throw new Error("The SDK is not generated yet");
      return sdk;
    },
    get out() {
      if (out === undefined) throw new Error("The SDK is not generated yet");
      return out;
    },
  };
}

export const ACCOUNT_SID = "AC00000000000000000000000000000000";

/** Starts the versioned server in beforeAll and closes it in afterAll. */
export function useVersionedServer(): { readonly server: VersionedServer } {
  let server: VersionedServer | undefined;
  beforeAll(async () => {
    server = await startVersionedServer();
  });
  afterAll(() => server?.close());
  return {
    get server() {
      if (server === undefined) throw new Error("The versioned server is not started yet");
      return server;
    },
  };
}

/** The client options that point every domain of a generated client at `server`. */
export function clientOptions(server: VersionedServer): Runtime.ClientOptions {
  return { accountSid: ACCOUNT_SID, authToken: "x", accessToken: "access-token", baseUrls: { "*": server.url } };
}

/** Requests received since `mark` (a former `server.requests.length`). */
export function requestsSince(server: VersionedServer, mark: number) {
  return server.requests.slice(mark);
}

/**
 * GETs `path` with node:http and returns the name of the ETag header exactly as it arrived on
 * the wire (fetch's Headers would hide its case), and its index in ETAG_HEADER_NAMES: the
 * server rotates the names, so the next ETag response gets the name after this one.
 */
export function rawEtagHeaderName(server: VersionedServer, path: string): Promise<{ name: string; index: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, (res) => {
      res.resume();
      res.on("end", () => {
        const names = res.rawHeaders.filter((_value, index) => index % 2 === 0);
        const name = names.find((header) => header.toLowerCase() === "etag");
        const index = ETAG_HEADER_NAMES.findIndex((known) => known === name);
        if (name === undefined || index === -1) reject(new Error(`No known ETag header in ${names.join(", ")}`));
        else resolve({ name, index });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
