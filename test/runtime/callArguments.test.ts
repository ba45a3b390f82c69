import { describe, expect, it } from "vitest";
import { checkOptions, nearestKey } from "../../runtime/callArguments.js";
import type { Operation } from "../../runtime/operation.js";

const KEYS = ["friendlyName", "ifMatch", "pageSize", "pageToken", "limit", "signal", "startTimeBefore", "to", "from"];

describe("nearestKey", () => {
  const cases: [given: string, want: string | undefined][] = [
    ["friendlyname", "friendlyName"],
    ["FRIENDLYNAME", "friendlyName"],
    ["ifmatch", "ifMatch"],
    ["friendlyNmae", "friendlyName"],
    ["frendlyName", "friendlyName"],
    ["pagesize", "pageSize"],
    ["pageSiz", "pageSize"],
    ["limt", "limit"],
    ["sigal", "signal"],
    ["startTimeBefor", "startTimeBefore"],
    ["too", "to"],
    ["fro", "from"],
    ["colour", undefined],
    ["x", undefined],
    ["pageNumber", undefined],
    ["", undefined],
    ["a".repeat(10_000), undefined],
  ];
  it.each(cases)("%j -> %j", (given, want) => {
    expect(nearestKey(given, KEYS)).toBe(want);
  });

  it("prefers the same key but for case over a closer spelling", () => {
    expect(nearestKey("Pagesize", ["pageSize", "PageSizes"])).toBe("pageSize");
  });
});

describe("checkOptions", () => {
  const operation = {
    method: "POST",
    host: "h",
    path: "/v1/Things/{Sid}",
    pathOptions: { Sid: "sid" },
    query: { pageSize: "PageSize", page: "Page" },
    headers: { ifMatch: "If-Match" },
    form: { friendlyName: "FriendlyName" },
    json: "application/json",
    pagination: { style: "url", itemsKey: "things" },
  } satisfies Operation;

  it("accepts every option the operation names, the common ones, and no options", () => {
    const all = { sid: "1", pageSize: 1, page: 0, ifMatch: '"1"', friendlyName: "x", body: {}, signal: undefined };
    expect(() => checkOptions(operation, { ...all, limit: 1, pageNumber: 2 })).not.toThrow();
    expect(() => checkOptions(operation, {})).not.toThrow();
    expect(() => checkOptions(operation, Object.create({ inherited: 1 }))).not.toThrow();
  });

  it.each([
    [{ body: 1, bogus: 1 }, [], 'POST /v1/Things/{Sid}: unknown option "bogus". The options are: signal, pageSize'],
    [{ friendlyname: 1 }, [], 'unknown option "friendlyname"; did you mean "friendlyName"?'],
    [{ name: "x" }, [], "This operation sends a JSON body: pass it as `body`"],
    [() => undefined, [], "got a function where the options go, as twilio-node's callbacks do"],
    [{}, [() => undefined], "the method returns a Promise"],
    [{}, [{}], "POST /v1/Things/{Sid}: takes one options object, got 2 arguments"],
    [null, [], "options must be an object, got null"],
    [7, [], "options must be an object, got number"],
  ])("refuses %j (then %j)", (options, extra, message) => {
    expect(() => checkOptions(operation, options, extra)).toThrow(TypeError);
    expect(() => checkOptions(operation, options, extra)).toThrow(message);
  });

  it("names no JSON body where the operation has none, nor where `body` is given", () => {
    const form = { method: "POST", host: "h", path: "/v1/Things", form: { to: "To" } } satisfies Operation;
    expect(() => checkOptions(form, { name: 1 })).toThrow(
      'POST /v1/Things: unknown option "name". The options are: signal, to. Nothing was sent',
    );
    expect(() => checkOptions(operation, { body: {}, name: 1 })).not.toThrow(/JSON body/);
  });
});
