import { describe, expect, it } from "vitest";
import { ResourceInstance } from "../../runtime/index.js";

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
