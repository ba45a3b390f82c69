import { createRequire } from "node:module";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ContextualInstance, ResourceInstance, declareFields, parseInteger } from "../../runtime/index.js";
import { TRANSPORTS } from "./transports.js";
import { rawJsonResponse, startRawServer } from "./rawServer.js";
import type { RawServer } from "./rawServer.js";

interface DocumentResource {
  sid: string;
  data: Record<string, unknown>;
}

class DocumentInstance extends ResourceInstance<DocumentResource> {
  declare readonly sid: string;

  static {
    declareFields(this, [["sid", "sid"]]);
  }
}

const resource: DocumentResource = { sid: "ET1", data: { a: 1 } };

/** A resource as an API answers it: snake_case, RFC 2822 and ISO dates, integers, nulls, a field no spec declares. */
interface CallResource {
  sid?: string;
  account_sid?: string;
  duration?: unknown;
  date_created?: string | null;
  start_time?: string | null;
  price?: string | null;
  etag?: string;
  subresource_uris?: object;
}

class CallInstance extends ContextualInstance<CallResource, "AccountSid"> {
  declare readonly sid: string | undefined;
  declare readonly accountSid: string | undefined;
  declare readonly duration: unknown;
  declare readonly dateCreated: Date | null | undefined;
  declare readonly startTime: Date | null | undefined;
  declare readonly price: string | null | undefined;
  /** A field named like a member of every instance takes its wire name, as the plan names it. */
  declare readonly etagField: string | undefined;
  declare readonly subresourceUris: object | undefined;

  static {
    declareFields(this, [
      ["sid", "sid"],
      ["accountSid", "account_sid"],
      ["duration", "duration", "integer"],
      ["dateCreated", "date_created", "date"],
      ["startTime", "start_time", "date"],
      ["price", "price"],
      ["etagField", "etag"],
      ["subresourceUris", "subresource_uris"],
    ]);
  }
}

const CALL_BODY = {
  sid: "CA1",
  account_sid: "AC1",
  duration: "12",
  date_created: "Tue, 02 Jan 2024 03:04:05 +0000",
  start_time: "2024-01-02T03:04:05Z",
  price: null,
  etag: "from-the-body",
  subresource_uris: { recordings: "/2010-04-01/Accounts/AC1/Calls/CA1/Recordings.json" },
  undeclared_field: "kept in raw() only",
};
const SECRET = "s3cr3t-auth-token";

function callInstance(body: object = CALL_BODY, headers = new Headers({ ETag: '"7"' })): CallInstance {
  const client = new ApiClient({ accountSid: "AC1", authToken: SECRET });
  return new CallInstance(client, { body, headers }, { AccountSid: "AC1" });
}

describe("ResourceInstance", () => {
  it.each(["ETag", "etag", "Etag"])("reads a weak ETag verbatim from the %s header", (name) => {
    const instance = new DocumentInstance(resource, new Headers({ [name]: 'W/"3"' }));

    expect(instance.etag).toBe('W/"3"');
  });

  it("has no etag when the header is absent", () => {
    expect(new DocumentInstance(resource, new Headers()).etag).toBeUndefined();
  });

  it("keeps the raw resource and the headers out of its data", () => {
    const headers = new Headers({ ETag: '"1"' });
    const instance = new DocumentInstance(resource, headers);

    expect(instance.sid).toBe("ET1");
    expect(instance.raw()).toBe(resource);
    expect(instance.headers).toBe(headers);
    expect(JSON.parse(JSON.stringify(instance))).toEqual({ sid: "ET1" });
  });
});

describe("an instance's declared fields", () => {
  it("are its own enumerable data properties, in the spec's order, and nothing else is", () => {
    const instance = callInstance();
    const data = {
      sid: "CA1",
      accountSid: "AC1",
      duration: 12,
      dateCreated: new Date("2024-01-02T03:04:05Z"),
      startTime: new Date("2024-01-02T03:04:05Z"),
      price: null,
      etagField: "from-the-body",
      subresourceUris: CALL_BODY.subresource_uris,
    };

    expect(Object.keys(instance)).toEqual(Object.keys(data));
    expect({ ...instance }).toEqual(data);
    expect(Object.getOwnPropertyDescriptor(instance, "sid")).toMatchObject({ value: "CA1", enumerable: true });
    expect(Object.getOwnPropertySymbols(instance)).toEqual([]);
  });

  it("serialise as twilio-node's toJSON: camelCase keys, ISO dates, integers parsed, unknown fields left out", () => {
    expect(JSON.parse(JSON.stringify(callInstance()))).toEqual({
      sid: "CA1",
      accountSid: "AC1",
      duration: 12,
      dateCreated: "2024-01-02T03:04:05.000Z",
      startTime: "2024-01-02T03:04:05.000Z",
      price: null,
      etagField: "from-the-body",
      subresourceUris: CALL_BODY.subresource_uris,
    });
  });

  it("leave a field the body lacks out of JSON, as twilio-node does, and keep a date's text that is no date", () => {
    const instance = callInstance({ sid: "CA2", date_created: "yesterday", start_time: null });

    expect(Object.keys(instance)).toContain("accountSid");
    expect(instance.accountSid).toBeUndefined();
    expect(Number.isNaN(instance.dateCreated!.getTime())).toBe(true);
    expect(instance.toJSON()).toEqual({ sid: "CA2", dateCreated: "yesterday", startTime: null });
    expect(JSON.stringify(instance)).toBe('{"sid":"CA2","dateCreated":"yesterday","startTime":null}');
  });

  it("show in util.inspect (console.log) as data, never the client, its credentials, the headers or the raw body", () => {
    const instance = callInstance();
    const data = inspect({ ...instance }, { depth: 5 });

    expect(inspect(instance, { depth: 5 })).toBe(`CallInstance ${data}`);
    const hiddenToo = inspect(instance, { depth: 5, showHidden: true });
    for (const hidden of [SECRET, "AC1:", "ApiClient", "Headers", "undeclared_field", '"7"', "AccountSid"]) {
      expect(hiddenToo).not.toContain(hidden);
    }
  });

  it("keep etag, headers, raw() and the context's methods as members, none of them enumerable", () => {
    const instance = callInstance();

    expect(instance.etag).toBe('"7"');
    expect(instance.headers.get("etag")).toBe('"7"');
    expect(instance.raw()).toBe(CALL_BODY);
    expect(instance.raw()).toHaveProperty("undeclared_field");
    const keys = Object.keys(instance);
    for (const member of ["etag", "headers", "raw", "toJSON", "client", "listParams", "resource"]) {
      expect(keys).not.toContain(member);
    }
  });
});

describe("parseInteger reads an integer field as twilio-node's deserialize.integer does", () => {
  const twilioDeserialize = createRequire(import.meta.url)("twilio/lib/base/deserialize.js") as {
    integer(value: unknown): unknown;
  };
  const table: [given: unknown, want: unknown][] = [
    [12, 12],
    [0, 0],
    [-3, -3],
    ["12", 12],
    ["007", 7],
    [12.7, 12],
    ["12.7", 12],
    ["12abc", 12],
    [null, null],
    [undefined, undefined],
    ["", ""],
    ["n/a", "n/a"],
    [true, true],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [1e21, 1],
  ];

  it.each(table)("%j → %j", (given, want) => {
    expect(parseInteger(given)).toEqual(want);
    expect(twilioDeserialize.integer(given)).toEqual(want);
  });
});

describe("ResourceInstance.etag from a real response", () => {
  let raw: RawServer;
  beforeAll(async () => {
    raw = await startRawServer();
  });
  afterAll(() => raw.close());

  it.each(TRANSPORTS)(
    "is the ETag header when it is one entity tag, else undefined, over $name",
    async ({ options }) => {
      // A folded header line (obs-fold): fetch joins it, node:http refuses the response; RFC 9112 allows either.
      const folded = options.transport === "fetch" ? undefined : "ConnectionError";
      const table: [given: string[], want: string | undefined][] = [
        // given the ETag header lines → want instance.etag (or the error of the request)
        [['ETag: "3"'], '"3"'],
        [['etag: W/"3"'], 'W/"3"'],
        [["ETag: 3"], "3"], // a bare revision, as Twilio's docs write it
        [["ETag: RE5c1e9c2b"], "RE5c1e9c2b"],
        [['ETag: ""'], '""'],
        [['ETag: "caf\u00e9"'], '"caf\u00e9"'], // obs-text is etagc
        [[], undefined],
        [["ETag:"], undefined],
        [["ETag:    "], undefined],
        [['ETag: "a"', 'ETag: "b"'], undefined], // fetch joins them: "a", "b"
        [["ETag: 1", "ETag: 2"], undefined],
        [['ETag: "a", "b"'], undefined],
        [['ETag: "a"', ' "b"'], folded],
        [["ETag: *"], undefined],
        [['ETag: "a'], undefined],
        [['ETag: a"'], undefined],
        [['ETag: "a b"'], undefined],
        [['ETag: "a\tb"'], undefined],
        [['ETag: w/"3"'], undefined],
        [['ETag: W/ "3"'], undefined],
        [["ETag: 1,2"], undefined],
      ];
      const client = new ApiClient({ unauthenticated: true, baseUrls: { "*": raw.origin }, ...options });
      const got: [string[], string | undefined][] = [];
      for (const [given] of table) {
        raw.respond(() => rawJsonResponse(given, resource));
        const etag = await client.request({ method: "GET", host: "sync", path: "/v1/Documents/ET1" }).then(
          (response) => new DocumentInstance(response.body as DocumentResource, response.headers).etag,
          (error: Error) => error.name,
        );
        got.push([given, etag]);
      }
      expect(got).toEqual(table);
    },
  );

  it("reads the declared fields from a real response body", async () => {
    raw.respond(() => rawJsonResponse(['ETag: "9"'], CALL_BODY));
    const client = new ApiClient({ accountSid: "AC1", authToken: SECRET, baseUrls: { "*": raw.origin } });
    const response = await client.request({ method: "GET", host: "api", path: "/2010-04-01/Accounts/AC1/Calls/CA1" });
    const instance = new CallInstance(client, response, { AccountSid: "AC1" });

    expect(instance.etag).toBe('"9"');
    expect(instance.toJSON()).toEqual(callInstance().toJSON());
    expect(instance.raw()).toEqual(CALL_BODY);
  });
});
