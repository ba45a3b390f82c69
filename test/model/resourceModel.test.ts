import { describe, expect, it } from "vitest";
import { loadSpecs, readSpecTexts } from "../../generator/load/loadSpec.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { OperationModel, ResourceNode, SpecModel } from "../../generator/model/types.js";
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

function node(model: SpecModel, className: string): ResourceNode {
  const found = model.versions
    .flatMap((version) => allNodes(version.resources))
    .find((candidate) => candidate.className === className);
  if (!found) throw new Error(`no resource ${className} in ${model.name}`);
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
  it("takes domain and version from the server URL and the path", () => {
    expect([tasks.domain, tasks.host, tasks.versions.map((v) => v.property)]).toEqual(["tasks", "tasks", ["v1"]]);
    expect([phone.domain, phone.versions.map((v) => v.property)]).toEqual(["phone", ["v2010"]]);
  });

  it("nests resources under the resource their path extends", () => {
    const workspace = node(tasks, "Workspace");
    expect(tasks.versions[0]!.resources.map((r) => r.mountName)).toEqual(["workspaces"]);
    expect(workspace.instanceChildren.map((c) => c.mountName)).toEqual(["activities", "statistics", "tasks"]);
    expect(node(tasks, "Task").instanceChildren.map((c) => c.className)).toEqual(["TaskReservation"]);
  });

  it.each([
    // given className → want mountName, key, list and instance operation kinds
    ["Workspace", "workspaces", "Sid", ["create", "page"], ["fetch", "remove", "update"]],
    ["TaskReservation", "reservationsOfTask", "Sid", ["page"], ["fetch", "update"]],
    ["WorkspaceStatistics", "statistics", undefined, ["fetch"], []],
    ["Activity", "activities", "Sid", ["create", "page"], ["fetch", "remove"]],
    ["NewKey", "newKeys", undefined, ["create"], []],
  ])("%s: mount %s, key %s, operations", (className, mountName, key, listKinds, instanceKinds) => {
    const resource = node(className === "NewKey" ? documents : tasks, className);
    expect(resource.mountName).toBe(mountName);
    expect(resource.keyParameter).toBe(key);
    expect(resource.listOperations.map((o) => o.kind).sort()).toEqual(listKinds);
    expect(resource.instanceOperations.map((o) => o.kind).sort()).toEqual(instanceKinds);
  });

  it("makes a namespace for a path prefix no spec path declares", () => {
    const account = node(phone, "Account");
    expect([account.keyParameter, account.listOperations.length, account.instanceOperations.length]).toEqual([
      "AccountSid",
      0,
      0,
    ]);
    expect(account.instanceChildren.map((c) => c.className)).toEqual(["Call"]);
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
