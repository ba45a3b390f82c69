/**
 * twilio-node as the oracle: each row of the matrix (matrix.ts) is called through twilio-node
 * 6.x and through our SDK generated from the newest corpus, both sending to a recording server on
 * 127.0.0.1. The requests must agree on method, host, path, query, form or JSON body and the
 * declared headers; the resources read from the same answer must agree on every field both expose.
 * Each remaining difference is listed, with its reason, in known-differences.md.
 */
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinnedRelease } from "../support/corpus.js";
import { generateOurSdk, ourClient, twilioNodeClient } from "./clients.js";
import { knownDifferences } from "./knownDifferences.js";
import { ORACLE_CASES, PARAMETER_STYLES, type OracleCase } from "./matrix.js";
import { fieldDifferences, resourceBody } from "./responses.js";
import { requestDifferences, startRecordingServer, type RecordingServer, type Reply } from "./wire.js";

const corpus = pinnedRelease();

/** twilio-node's domains: the folders of its `lib/rest`. */
function twilioNodeDomains(): string[] {
  const rest = join(dirname(createRequire(import.meta.url).resolve("twilio")), "rest");
  return readdirSync(rest).filter((name) => statSync(join(rest, name)).isDirectory());
}

function replyFor(row: OracleCase): Reply {
  if (row.resource) {
    return { status: row.status ?? 200, body: resourceBody(corpus, row.resource.spec, row.resource.schema) };
  }
  if (row.status !== undefined) return { status: row.status };
  if (row.page) return { status: 200, body: { [row.page]: [], meta: { key: row.page, next_page_url: null } } };
  return { status: 200, body: {} };
}

describe("twilio-node as the oracle", () => {
  let server: RecordingServer;
  let ours: any;
  let theirs: ReturnType<typeof twilioNodeClient>;
  let ourDomains: string[] = [];
  let removeSdk = () => {};
  const known = knownDifferences();

  beforeAll(async () => {
    server = await startRecordingServer();
    const generated = await generateOurSdk([corpus!]);
    removeSdk = generated.remove;
    ours = ourClient(generated.sdk, server.url);
    ourDomains = Object.getOwnPropertyNames(generated.sdk.Twilio.prototype);
    theirs = twilioNodeClient(server.url);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    removeSdk();
  });

  it("has a row for every service both SDKs offer, and covers every parameter style", () => {
    const shared = twilioNodeDomains().filter((domain) => ourDomains.includes(domain));
    const covered = new Set(ORACLE_CASES.map((row) => row.service));

    expect(shared.length).toBeGreaterThan(30);
    expect(shared.filter((domain) => !covered.has(domain))).toEqual([]);
    expect(PARAMETER_STYLES.filter((style) => !ORACLE_CASES.some((row) => row.styles.includes(style)))).toEqual([]);
    expect(new Set(ORACLE_CASES.map((row) => row.name)).size).toBe(ORACLE_CASES.length);
  });

  it("lists known differences only for rows of the matrix", () => {
    const names = new Set(ORACLE_CASES.map((row) => row.name));
    expect(known.filter((entry) => !names.has(entry.row))).toEqual([]);
  });

  it.each(ORACLE_CASES.map((row): [string, OracleCase] => [row.name, row]))("%s", async (_name, row) => {
    const reply = replyFor(row);
    server.reply(reply);
    const ourCall = await server.capture(() => row.ours(ours));
    const theirCall = await server.capture(() => row.theirs(theirs));

    const differences = requestDifferences(ourCall.request, theirCall.request);
    if (row.resource) {
      const fields = fieldDifferences(ourCall.result as object, theirCall.result as object);
      // Every field when the resource has fewer than four (a Day has only `redirect_to`).
      const fieldCount = Object.keys(reply.body as object).length;
      expect(fields.compared.length, "fields compared").toBeGreaterThanOrEqual(Math.min(4, fieldCount));
      differences.push(...fields.differences);
    }

    const explained = known.filter((entry) => entry.row === row.name).map((entry) => entry.aspect);
    const sent = `ours:   ${JSON.stringify(ourCall.request)}\ntheirs: ${JSON.stringify(theirCall.request)}`;
    expect(differences.sort(), `differences not in known-differences.md (or listed but gone)\n${sent}`).toEqual(
      explained.sort(),
    );
  });
});
