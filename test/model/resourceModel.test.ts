import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { loadSpecs, readSpecTexts } from "../../generator/load/loadSpec.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { OperationModel, ResourceHints, ResourceNode, SpecModel } from "../../generator/model/types.js";
import { allNodes } from "../../generator/plan/sdkPaths.js";

const specFiles = ["tasks_v1", "documents_v2", "ledger_v1", "phone_v2010"].map(
  (name) => `test/fixtures/specs/twilio_${name}.yaml`,
);
const [tasks, documents, ledger, phone] = (await loadSpecs(readSpecTexts(specFiles))).map(buildSpecModel) as [
  SpecModel,
  SpecModel,
  SpecModel,
  SpecModel,
];

/** The resource of a collection (`/Workspaces/{}/Tasks`) that the spec names with `hints`. */
function node(model: SpecModel, identity: string, hints: ResourceHints = {}): ResourceNode {
  const found = model.versions
    .flatMap((version) => allNodes(version.resources))
    .find((candidate) => candidate.identity === identity && isDeepStrictEqual(candidate.hints, hints));
  if (!found) throw new Error(`no resource ${identity} ${JSON.stringify(hints)} in ${model.name}`);
  return found;
}

function operation(model: SpecModel, operationId: string): OperationModel {
  const all = model.versions
    .flatMap((version) => allNodes(version.resources))
    .flatMap((n) => [...n.listOperations, ...n.instanceOperations]);
  const found = all.find((candidate) => candidate.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

describe("resource model of test/fixtures/specs/", () => {
  it("takes the host from the server URL and the version as the path spells it (the plan names both)", () => {
    expect([tasks.host, tasks.versions.map((v) => v.name)]).toEqual(["tasks", ["v1"]]);
    expect([phone.host, phone.versions.map((v) => v.name)]).toEqual(["phone", ["2010-04-01"]]);
  });

  it("nests resources under the resource their path extends", () => {
    const workspace = node(tasks, "/Workspaces");
    expect(tasks.versions[0]!.resources.map((r) => r.segments)).toEqual([["Workspaces"]]);
    expect(workspace.instanceChildren.map((c) => c.identity)).toEqual([
      "/Workspaces/{}/Activities",
      "/Workspaces/{}/Statistics",
      "/Workspaces/{}/Tasks",
    ]);
    expect(node(tasks, "/Workspaces/{}/Tasks").instanceChildren.map((c) => c.hints)).toEqual([
      { className: "task_reservation", mountName: "reservations_of_task" },
    ]);
  });

  it.each([
    // given a collection and the spec's hints → want its key, list and instance operation kinds
    ["/Workspaces", {}, "Sid", ["create", "page"], ["fetch", "remove", "update"]],
    [
      "/Workspaces/{}/Tasks/{}/Reservations",
      { className: "task_reservation", mountName: "reservations_of_task" },
      "Sid",
      ["page"],
      ["fetch", "update"],
    ],
    ["/Workspaces/{}/Statistics", { className: "workspace_statistics" }, undefined, ["fetch"], []],
    ["/Workspaces/{}/Activities", {}, "Sid", ["create", "page"], ["fetch", "remove"]],
    ["/Stores/{}/Keys", { operationMount: "new_keys" }, undefined, ["create"], []],
  ])("%s %j: key %s, operations", (identity, hints, key, listKinds, instanceKinds) => {
    const resource = node(identity.startsWith("/Stores") ? documents : tasks, identity, hints);
    expect(resource.keyParameter).toBe(key);
    expect(resource.listOperations.map((o) => o.kind).sort()).toEqual(listKinds);
    expect(resource.instanceOperations.map((o) => o.kind).sort()).toEqual(instanceKinds);
  });

  it.each([
    // given a keyed collection → want its key's declared type and pattern: an integer only where the spec says so
    ["documents", "/Stores/{}/Items", { className: "store_item" }, "integer", undefined],
    ["documents", "/Stores", {}, "string", "^DS[0-9a-fA-F]{32}$"],
    ["documents", "/Stores/{}/Members", {}, "string", "^DM[0-9a-fA-F]{32}$"],
    ["tasks", "/Workspaces/{}/Tasks", {}, "string", "^WT[0-9a-fA-F]{32}$"],
    // a namespace: its children's paths declare the key
    ["phone", "/Accounts", {}, "string", "^AC[0-9a-fA-F]{32}$"],
  ] as const)("%s %s %j: its key is declared `type: %s`", (spec, identity, hints, type, pattern) => {
    const { keySchema } = node({ documents, tasks, phone }[spec], identity, hints);
    expect([keySchema?.type, keySchema?.pattern]).toEqual([type, pattern]);
  });

  it("makes a namespace for a path prefix no spec path declares", () => {
    const account = node(phone, "/Accounts");
    expect([account.keyParameter, account.listOperations.length, account.instanceOperations.length]).toEqual([
      "AccountSid",
      0,
      0,
    ]);
    expect(account.instanceChildren.map((c) => [c.identity, c.hints])).toEqual([["/Accounts/{}/Calls", {}]]);
  });

  it.each([
    [
      "ListTask",
      [
        "AssignmentStatus",
        "Priority",
        "Ordering",
        "HasReservations",
        "DateCreated<",
        "DateCreated>",
        "PageSize",
        "Page",
        "PageToken",
      ],
    ],
    ["CreateTask", ["X-Twilio-Webhook-Enabled", "Attributes", "Priority", "Timeout"]],
    ["UpdateTask", ["If-Match", "Attributes", "AssignmentStatus", "Reason", "Priority"]],
  ])("%s options keep wire names in spec order", (operationId, want) => {
    expect(operation(tasks, operationId).options.map((o) => o.wireName)).toEqual(want);
  });

  it("keeps comparison parameters and headers as the spec names them, with their places (plan names them)", () => {
    const list = operation(tasks, "ListTask");
    expect(list.options.filter((o) => o.wireName.startsWith("DateCreated")).map((o) => o.wireName)).toEqual([
      "DateCreated<",
      "DateCreated>",
    ]);
    const update = operation(tasks, "UpdateTask");
    expect(update.ifMatch?.wireName).toBe("If-Match");
    expect(update.ifMatch?.declaredAt.slice(0, 3)).toEqual(["paths", update.path, "post"]);
    const form = update.options.find((o) => o.location === "form")!;
    expect(form.declaredAt.slice(-2)).toEqual(["properties", form.wireName]);
  });

  it("keeps If-Match on JSON-body operations and records the body's content type", () => {
    const update = operation(documents, "UpdateStore");
    expect([update.jsonBody?.contentType, update.ifMatch?.wireName]).toEqual(["application/json", "If-Match"]);
    expect(operation(documents, "CreateMember").jsonBody?.contentType).toBe("application/scim+json");
  });

  it.each([
    [tasks, "FetchTask", [[200, "ETag"]]],
    [tasks, "UpdateTaskReservation", [[200, "Etag"]]],
    [tasks, "DeleteTask", []],
  ] as const)("finds ETag response headers whatever their case: %#", (model, operationId, want) => {
    expect(operation(model, operationId).etagResponses.map((r) => [r.status, r.etagHeader])).toEqual(want);
  });

  it.each([
    [tasks, "ListTask", { style: "url", itemsKey: "tasks" }],
    [phone, "ListCall", { style: "uri", itemsKey: "calls" }],
    [
      ledger,
      "ListAccount",
      {
        style: "token",
        itemsKey: "accounts",
        tokenParam: "pageToken",
        nextTokenField: "nextToken",
        previousTokenField: "previousToken",
      },
    ],
    [documents, "ListMember", { style: "single", itemsKey: "Resources" }],
  ] as const)("paginates %#", (model, operationId, want) => {
    expect(operation(model, operationId).pagination).toEqual(want);
  });

  it("places every operation exactly once", () => {
    for (const model of [tasks, documents, ledger, phone]) {
      const ids = model.versions
        .flatMap((v) => allNodes(v.resources))
        .flatMap((n) => [...n.listOperations, ...n.instanceOperations])
        .map((o) => o.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(model.operationCount);
    }
  });
});
