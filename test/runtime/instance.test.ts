import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ResourceInstance } from "../../runtime/index.js";
import { rawJsonResponse, startRawServer } from "./rawServer.js";
import type { RawServer } from "./rawServer.js";

interface DocumentResource {
  sid: string;
  data: Record<string, unknown>;
}

class DocumentInstance extends ResourceInstance<DocumentResource> {
  get sid(): string {
    return this.resource.sid;
  }
}

const resource: DocumentResource = { sid: "ET1", data: { a: 1 } };

describe("ResourceInstance", () => {
  it.each(["ETag", "etag", "Etag"])("reads a weak ETag verbatim from the %s header", (name) => {
    const instance = new DocumentInstance(resource, new Headers({ [name]: 'W/"3"' }));

    expect(instance.etag).toBe('W/"3"');
  });

  it("has no etag when the header is absent", () => {
    expect(new DocumentInstance(resource, new Headers()).etag).toBeUndefined();
  });

  it("exposes the raw resource and the headers", () => {
    const headers = new Headers({ ETag: '"1"' });
    const instance = new DocumentInstance(resource, headers);

    expect(instance.sid).toBe("ET1");
    expect(instance.toJSON()).toBe(resource);
    expect(instance.headers).toBe(headers);
    expect(JSON.parse(JSON.stringify(instance))).toEqual(resource);
  });
});

describe("ResourceInstance.etag from a real response", () => {
  let raw: RawServer;
  beforeAll(async () => {
    raw = await startRawServer();
  });
  afterAll(() => raw.close());

  it("is the ETag header when it is one entity tag, else undefined", async () => {
    const table: [given: string[], want: string | undefined][] = [
      // given the ETag header lines → want instance.etag
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
      [['ETag: "a"', ' "b"'], undefined], // folded
      [["ETag: *"], undefined],
      [['ETag: "a'], undefined],
      [['ETag: a"'], undefined],
      [['ETag: "a b"'], undefined],
      [['ETag: "a\tb"'], undefined],
      [['ETag: w/"3"'], undefined],
      [['ETag: W/ "3"'], undefined],
      [["ETag: 1,2"], undefined],
    ];
    const client = new ApiClient({ unauthenticated: true, baseUrls: { "*": raw.origin } });
    const got: [string[], string | undefined][] = [];
    for (const [given] of table) {
      raw.respond(() => rawJsonResponse(given, resource));
      const response = await client.request({ method: "GET", host: "sync", path: "/v1/Documents/ET1" });
      got.push([given, new DocumentInstance(response.body as DocumentResource, response.headers).etag]);
    }
    expect(got).toEqual(table);
  });
});
