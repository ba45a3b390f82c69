/**
 * The two SDKs under comparison, both sending to the recording server: twilio-node (its own
 * request building and serialisation, axios and qs, untouched) through a RequestClient whose only
 * change is the origin it connects to, and our SDK generated from the newest corpus with a `fetch`
 * that does the same. Both tell the server, in a header, which Twilio host they addressed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { generate } from "../../generator/generate.js";
import { entryModule, ourResourceModules } from "./instances.js";
import { TARGET_HOST_HEADER } from "./wire.js";

type RequestOptions<TData> = import("twilio/lib/base/RequestClient.js").RequestOptions<TData>;

const require = createRequire(import.meta.url);
const twilioNode = require("twilio") as typeof import("twilio");

export const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const AUTH_TOKEN = "token";

/** twilio-node's client, pointed at `serverUrl`. */
export function twilioNodeClient(serverUrl: string): import("twilio").Twilio {
  const server = new URL(serverUrl);
  class RedirectingRequestClient extends twilioNode.RequestClient {
    override request<TData>(options: RequestOptions<TData>) {
      const target = new URL(options.uri);
      options.headers = { ...options.headers, [TARGET_HOST_HEADER]: target.hostname };
      target.protocol = server.protocol;
      target.host = server.host;
      return super.request<TData>({ ...options, uri: target.href });
    }
  }
  return twilioNode(ACCOUNT_SID, AUTH_TOKEN, { httpClient: new RedirectingRequestClient(), autoRetry: false });
}

/** A `fetch` for our SDK that sends what was meant for `https://<host>.twilio.com` to `serverUrl`. */
export function redirectingFetch(serverUrl: string): typeof fetch {
  const server = new URL(serverUrl);
  return (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    headers.set(TARGET_HOST_HEADER, target.hostname);
    target.protocol = server.protocol;
    target.host = server.host;
    return fetch(target, { ...init, headers });
  };
}

/**
 * What the generated SDK's index exports that the oracle uses, and each resource module by its path
 * in the SDK's folder (`sdkFolder`); their classes are only known once generated.
 */
export interface OurSdk {
  Twilio: new (options: Record<string, unknown>) => any;
  resourceModules: Record<string, Record<string, unknown>>;
}

/**
 * Generates our SDK from `specs` into a temporary folder and bundles it (esbuild) into one module:
 * importing ~2,000 files one by one through the test runner would take longer than generating them.
 */
export async function generateOurSdk(specs: string[]): Promise<{ sdk: OurSdk; sdkFolder: string; remove: () => void }> {
  const folder = mkdtempSync(join(tmpdir(), "sdk-oracle-"));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const out = join(folder, "sdk");
    await generate({ specs, out, check: false, cacheDir: undefined });
    const entry = join(folder, "entry.ts");
    writeFileSync(entry, entryModule("sdk", ourResourceModules(out)));
    const bundle = join(folder, "sdk.mjs");
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      outfile: bundle,
      logLevel: "error",
    });
    return { sdk: (await import(pathToFileURL(bundle).href)) as OurSdk, sdkFolder: out, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

export function ourClient(sdk: OurSdk, serverUrl: string): any {
  return new sdk.Twilio({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    accessToken: "access-token",
    fetch: redirectingFetch(serverUrl),
  });
}
