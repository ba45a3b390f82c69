import { describe, expect, it } from "vitest";
import { ApiClient } from "../../runtime/index.js";
import { MissingETagError } from "../../runtime/errors.js";
import { operationRequest, type Operation } from "../../runtime/operation.js";
import { startServer } from "./server.js";

const updateTask = {
  method: "POST",
  host: "taskrouter",
  path: "/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}",
  headers: { ifMatch: "If-Match" },
  form: { assignmentStatus: "AssignmentStatus", createdBefore: "DateCreated<" },
} satisfies Operation;

describe("operationRequest", () => {
  it("fills the path from the class's parameters, URI-encoded, and picks options by location", () => {
    const request = operationRequest(
      updateTask,
      { WorkspaceSid: "WS/1", Sid: "WT1" },
      { ifMatch: '"3"', assignmentStatus: "completed" },
    );
    expect(request).toMatchObject({
      method: "POST",
      host: "taskrouter",
      path: "/v1/Workspaces/WS%2F1/Tasks/WT1",
      headers: { "If-Match": '"3"' },
      form: { AssignmentStatus: "completed", "DateCreated<": undefined },
    });
    expect(request.query).toBeUndefined();
  });

  const paths: [string, Operation, Record<string, string>, object, string][] = [
    [
      "a renamed class parameter",
      { method: "GET", host: "h", path: "/v1/Lists/{ListSid}/Items", pathParams: { ListSid: "Sid" } },
      { Sid: "ES1" },
      {},
      "/v1/Lists/ES1/Items",
    ],
    [
      "a path parameter passed as an option",
      { method: "GET", host: "h", path: "/v2/Metrics/{Metric}", pathOptions: { Metric: "metric" } },
      {},
      { metric: "a b" },
      "/v2/Metrics/a%20b",
    ],
  ];
  it.each(paths)("path: %s", (_name, operation, params, options, path) => {
    expect(operationRequest(operation, params, options).path).toBe(path);
  });

  it("writes the parameters its formats name, days and flattened maps, into the request it sends", async () => {
    const lookup: Operation = {
      method: "GET",
      host: "lookups",
      path: "/v1/Usage",
      query: { startDate: "StartDate", addOnsData: "AddOnsData", type: "Type" },
      formats: { StartDate: "date", AddOnsData: "prefixed-collapsible-map-AddOns" },
    };
    const options = { startDate: new Date("2024-01-02T00:00:00Z"), addOnsData: { x: { y: 1 } }, type: ["a"] };

    const server = await startServer();
    try {
      server.respond(() => ({ body: {} }));
      const client = new ApiClient({ accountSid: "AC1", authToken: "token", baseUrls: { "*": server.origin } });

      await client.request(operationRequest(lookup, {}, options));

      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({
        method: "GET",
        url: "/v1/Usage?StartDate=2024-01-02&AddOns.x.y=1&Type=a",
      });
    } finally {
      await server.close();
    }
  });

  it("sends a JSON body only when given one", () => {
    const patch: Operation = { method: "PATCH", host: "h", path: "/v2/Stores/{Sid}", json: "application/json" };
    expect(operationRequest(patch, { Sid: "1" }, { body: { a: 1 } }).json).toEqual({
      contentType: "application/json",
      value: { a: 1 },
    });
    expect(operationRequest(patch, { Sid: "1" }, {}).json).toEqual({
      contentType: "application/json",
      value: undefined,
    });
  });

  it("refuses ifMatch given as undefined (an instance without ETag) instead of writing unconditionally", () => {
    const params = { WorkspaceSid: "WS1", Sid: "WT1" };
    expect(() => operationRequest(updateTask, params, { ifMatch: undefined })).toThrow(MissingETagError);
    expect(operationRequest(updateTask, params, {}).headers).toEqual({ "If-Match": undefined });
  });

  it("reads options' own properties only, never Object.prototype's or an inherited one", () => {
    const odd = {
      method: "POST",
      host: "h",
      path: "/v1/Things",
      query: { toString: "ToString" },
      form: { constructor: "Constructor", hasOwnProperty: "HasOwnProperty", friendlyName: "FriendlyName" },
      headers: { valueOf: "X-Value-Of" },
    } satisfies Operation;
    const inherited = Object.create({ friendlyName: "from a prototype" }) as object;

    const request = operationRequest(odd, {}, inherited);

    expect(Object.values(request.form ?? {})).toEqual([undefined, undefined, undefined]);
    expect(request.query).toEqual({ ToString: undefined });
    expect(request.headers).toEqual({ "X-Value-Of": undefined });
    expect(operationRequest(odd, {}, { constructor: "mine" }).form).toMatchObject({ Constructor: "mine" });
  });
});
