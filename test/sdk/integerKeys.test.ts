/**
 * Keys the spec declares integers (Sync List Item's `Index`; here the fixture's Store Item, keyed
 * alike): the list is called with a number, as twilio-node's `syncListItems(index: number)` is, and
 * sends its decimal text; numbers that are no safe integer are refused before any request. Every
 * other key stays a string, in the types and at run time.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";
import { expectProbe, useProbeDir } from "../support/typeProbe.js";
import { json, rawPath, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const items = () => sdk.twilio.documents.v2.stores("DS1").items;
const itemJson = (index: number) => ({
  index,
  store_sid: "DS1",
  data: { title: "third" },
  date_created: "2026-02-03T10:00:00Z",
  url: `https://documents.twilio.com/v2/Stores/DS1/Items/${index}`,
});
const requested = () => sdk.server.requests.map((request) => `${request.method} ${rawPath(request)}`);

describe("a list whose key the spec declares an integer", () => {
  it("is called with a number and requests its decimal text: items(3).fetch() GETs .../Items/3", async () => {
    sdk.respond(() => json(itemJson(3)));

    const item = await items()(3).fetch();

    expect(requested()).toEqual(["GET /v2/Stores/DS1/Items/3"]);
    expect(item.index).toBe(3);
  });

  it("takes the key as text too, and from get(), and from the index an instance carries", async () => {
    sdk.respond((request) => (request.method === "DELETE" ? { status: 204 } : json(itemJson(4))));

    await items()("4").fetch();
    await items().get(4).fetch();
    const item = await items()(0).fetch();
    await items()(item.index!).remove();
    await item.remove();

    expect(requested()).toEqual([
      "GET /v2/Stores/DS1/Items/4",
      "GET /v2/Stores/DS1/Items/4",
      "GET /v2/Stores/DS1/Items/0",
      "DELETE /v2/Stores/DS1/Items/4",
      "DELETE /v2/Stores/DS1/Items/4",
    ]);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    "refuses the number %s with a TypeError naming the list and the fix; nothing is sent",
    (key) => {
      sdk.respond(() => json(itemJson(3)));

      const error = new TypeError(
        `StoreItemList(key) wants a whole number (a safe integer) or a string as the key, got ${String(key)}; ` +
          "pass the integer the API gave, such as the item's `index`. Nothing was sent",
      );
      expect(() => items()(key)).toThrow(error);
      expect(() => items().get(key)).toThrow(error);
      expect(sdk.server.requests).toEqual([]);
    },
  );

  it("leaves string keys strings: a number for a Store SID is refused with the fix, nothing is sent", () => {
    sdk.respond(() => json(itemJson(3)));
    const stores = sdk.twilio.documents.v2.stores as unknown as (key: unknown) => unknown;

    expect(() => stores(3)).toThrow(
      new TypeError(
        "StoreList(key) wants the key as a string, got number 3; pass the key as a string " +
          "(`String(key)` if that number really is it). Nothing was sent",
      ),
    );
    expect(sdk.server.requests).toEqual([]);
  });
});

const notString = "Argument of type 'number' is not assignable to parameter of type 'string'.";

describe("the key's type follows the spec (compile-time probes)", () => {
  const probes = useProbeDir();

  it("fixture SDK: numbers are accepted for the integer-keyed Store Items only", () => {
    expectProbe(join(REPO_ROOT, "test/fixtures/generated"), probes.dir, [
      { code: 'const store = twilio.documents.v2.stores("DS");' },
      { code: "const item = await store.items(3).fetch();" },
      { code: "await store.items(item.index!).remove();" },
      { code: 'await store.items("3").fetch();' },
      { code: "await store.items.get(3).fetch();" },
      { code: "await item.remove();" },
      { code: "twilio.documents.v2.stores(3);", error: notString },
      { code: "store.members(3);", error: notString },
      { code: "store.members.get(3);", error: notString },
      { code: 'twilio.tasks.v1.workspaces("WS").tasks(7);', error: notString },
    ]);
  }, 60_000);

  it("committed SDK (real Sync spec): syncListItems(item.index!) compiles as in twilio-node; SIDs stay strings", () => {
    expectProbe(
      join(REPO_ROOT, "generated"),
      probes.dir,
      [
        { code: 'const list = twilio.v1.services("IS").syncLists("ES");' },
        { code: "const item = await list.syncListItems(0).fetch();" },
        { code: "await list.syncListItems(item.index!).fetch();" },
        { code: 'await list.syncListItems("0").fetch();' },
        { code: "twilio.v1.services(3);", error: notString },
        { code: 'twilio.v1.services("IS").syncLists(3);', error: notString },
      ],
      { entry: "sync/index.js", className: "Sync" },
    );
  }, 60_000);
});
