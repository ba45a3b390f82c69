/**
 * A conditional write is never silently weakened: `ifMatch` must be one entity tag, and an ETag
 * header that is none (empty, repeated, folded, malformed) gives an instance without `etag`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, InvalidIfMatchError, MissingETagError, Twilio } from "../fixtures/generated/index.js";
import { rawJsonResponse, startRawServer } from "../runtime/rawServer.js";
import type { RawServer } from "../runtime/rawServer.js";
import { ACCOUNT_SID, AUTH_TOKEN, json, taskJson, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const task = () => sdk.twilio.tasks.v1.workspaces("WS1").tasks("WT1");
const UPDATE = "POST /v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}";

/**
 * What a call did: the If-Match the server received, or the error's class, whether its message names
 * `named`, and the problem it states.
 */
async function outcome(call: () => Promise<unknown>, named: string[]): Promise<string> {
  try {
    await call();
  } catch (error) {
    const message = (error as Error).message;
    const naming = named.every((text) => message.includes(text)) ? "named" : `unnamed: ${message}`;
    const problem =
      error instanceof InvalidIfMatchError ? /: ([^:]*)\. Nothing was sent/.exec(message)?.[1] : undefined;
    return `${(error as Error).name} (${naming}${problem ? `; ${problem}` : ""}), ${sdk.server.requests.length} sent`;
  }
  return `sent If-Match ${sdk.server.requests.map((request) => request.headers["if-match"]).join(" | ")}`;
}

describe("ifMatch", () => {
  it("is sent only as one entity tag; anything else is refused before a request, naming the operation and value", async () => {
    const refused = (problem: string) => `InvalidIfMatchError (named; ${problem}), 0 sent`;
    const notOneTag = refused("it is not one entity tag (a list of tags, a space, or a quote out of place)");
    const table: [given: unknown, want: string][] = [
      ['"3"', 'sent If-Match "3"'],
      ['W/"3"', 'sent If-Match W/"3"'],
      // Twilio's docs send a Sync item's `revision` as it is, unquoted.
      ["3", "sent If-Match 3"],
      ['""', 'sent If-Match ""'],
      [undefined, "MissingETagError (named), 0 sent"],
      [null, refused("it is null")],
      ["", refused("it is empty")],
      ["   ", notOneTag],
      ['"a", "b"', notOneTag],
      ['"a","b"', notOneTag],
      ["1, 2", notOneTag],
      [['"a"', '"b"'], refused("it is an array (If-Match takes one tag)")],
      ["*", refused("* matches any current version, which checks nothing")],
      ['"a" "b"', notOneTag],
      ['"3"\r\nX-Evil: 1', refused("it contains a CR or LF")],
      ['"3\u0000"', refused("it contains a control character")],
      ['"3"\t', refused("it contains a control character")],
      ['W/ "3"', notOneTag],
      ['"3', notOneTag],
      [3, refused("it is of type number, not a string")],
    ];
    const got: [unknown, string][] = [];
    for (const [given] of table) {
      sdk.respond(() => json(taskJson(), { ETag: '"4"' }));
      // The message names the operation and shows the value as JSON (control characters escaped).
      const named = given === undefined ? [UPDATE] : [UPDATE, "ifMatch", JSON.stringify(given)];
      got.push([given, await outcome(() => task().update({ ifMatch: given as string, priority: 2 }), named)]);
    }
    expect(got).toEqual(table);
  });

  it("is refused by remove() too, with nothing sent", async () => {
    sdk.respond(() => ({ status: 204 }));

    const error = await task()
      .remove({ ifMatch: "" })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidIfMatchError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ operation: "DELETE /v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}", value: "" });
    expect(sdk.server.requests).toHaveLength(0);
  });
});

describe("an ETag header that is not one entity tag", () => {
  let raw: RawServer;
  let twilio: Twilio;
  beforeAll(async () => {
    raw = await startRawServer();
    twilio = new Twilio(options());
  });
  afterAll(() => raw.close());
  const options = () => ({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrls: { "*": raw.origin } });
  const FOLDED = ['ETag: "1"', ' "2"'];

  const headers: [name: string, lines: string[]][] = [
    ["empty", ["ETag:"]],
    ["repeated", ['ETag: "1"', 'ETag: "2"']],
    ["folded onto a second line, over fetch", FOLDED],
    ["malformed", ['ETag: "1']],
  ];

  it.each(headers)(
    "(%s) leaves etag undefined, so update({ ifMatch: task.etag }) and mutate() write nothing",
    async (_, lines) => {
      raw.respond(() => rawJsonResponse(lines, taskJson()));
      const client = lines === FOLDED ? new Twilio({ ...options(), transport: "fetch" }) : twilio;
      const context = client.tasks.v1.workspaces("WS1").tasks("WT1");

      const fetched = await context.fetch();
      const update = await fetched.update({ ifMatch: fetched.etag, priority: 2 }).catch((error: unknown) => error);
      const mutate = await context.mutate(() => ({ priority: 2 })).catch((error: unknown) => error);

      expect(fetched.etag).toBeUndefined();
      expect(update).toBeInstanceOf(MissingETagError);
      expect(mutate).toBeInstanceOf(MissingETagError);
      expect(raw.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
    },
  );

  it("(folded onto a second line, over node:http) is a refused response: nothing is written either", async () => {
    raw.respond(() => rawJsonResponse(FOLDED, taskJson()));
    const context = twilio.tasks.v1.workspaces("WS1").tasks("WT1");

    const fetched = await context.fetch().catch((error: unknown) => error);
    const mutate = await context.mutate(() => ({ priority: 2 })).catch((error: unknown) => error);

    expect(fetched).toBeInstanceOf(ConnectionError);
    expect(mutate).toBeInstanceOf(ConnectionError);
    expect(raw.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
  });
});
