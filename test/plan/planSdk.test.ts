/**
 * The plan's decisions, given small specs and wanted as names and paths: which file each module
 * goes to, what each class, constant and import is called. The fixture snapshot shows the same
 * decisions as emitted code; these tables show the rule each one follows.
 */
import { describe, expect, it } from "vitest";
import { loadSpecs, type SpecText } from "../../generator/load/loadSpec.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { SpecModel } from "../../generator/model/types.js";
import { planSdk } from "../../generator/plan/planSdk.js";
import { sdkPackage } from "../../generator/plan/sdkPackage.js";
import type { PlannedFile, ResourceView, VersionView } from "../../generator/plan/views.js";

/** A path of a spec: its operations by method, its `x-twilio`, and the pattern of its last parameter. */
interface GivenPath {
  operations: Partial<Record<"get" | "post" | "delete", string>>;
  xTwilio?: Record<string, string>;
  keyPattern?: string;
  /** The resource's fields besides `sid`. */
  fields?: string[];
}

function operation(path: string, method: string, operationId: string, { keyPattern, fields = [] }: GivenPath) {
  const OBJECT = {
    type: "object",
    properties: Object.fromEntries(["sid", ...fields].map((name) => [name, { type: "string" }])),
  };
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const parameters = names.map((name, index) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string", ...(index === names.length - 1 && keyPattern ? { pattern: keyPattern } : {}) },
  }));
  const list = { type: "object", properties: { items: { type: "array", items: OBJECT }, next_page_uri: {} } };
  const schema = operationId.startsWith("List") ? list : OBJECT;
  const responses =
    method === "delete"
      ? { "204": { description: "gone" } }
      : { "200": { description: "OK", content: { "application/json": { schema } } } };
  // Every update declares If-Match.
  const ifMatch = method === "post" ? [{ name: "If-Match", in: "header", schema: { type: "string" } }] : [];
  return { operationId, parameters: [...parameters, ...ifMatch], responses };
}

/** A spec's text: `name` is the file's (`twilio_<domain>_<version>`), `host` its twilio.com label. */
function given(name: string, host: string, paths: Record<string, GivenPath>): SpecText {
  const document = {
    openapi: "3.0.1",
    info: { title: name, version: "1.0.0" },
    servers: [{ url: `https://${host}.twilio.com` }],
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, given]) => [
        path,
        {
          ...(given.xTwilio ? { "x-twilio": given.xTwilio } : {}),
          ...Object.fromEntries(
            Object.entries(given.operations).map(([method, id]) => [method, operation(path, method, id, given)]),
          ),
        },
      ]),
    ),
  };
  return { file: `specs/${name}.json`, text: JSON.stringify(document) };
}

async function modelsOf(...specs: SpecText[]): Promise<SpecModel[]> {
  return (await loadSpecs(specs)).map(buildSpecModel);
}

async function plan(...specs: SpecText[]): Promise<PlannedFile[]> {
  const models = await modelsOf(...specs);
  const identity = sdkPackage({}, { version: "0.0.0", typescript: "5.9.3", esbuild: "0.28.2" });
  return planSdk(mergeSpecs(models, specs), "runtime", "templates/static", identity).files;
}

const resources = (files: PlannedFile[]) =>
  files.flatMap((file) => (file.kind === "resource" ? [{ path: file.path, view: file.view as ResourceView }] : []));
const versions = (files: PlannedFile[]) =>
  files.flatMap((file) => (file.kind === "version" ? [{ path: file.path, view: file.view as VersionView }] : []));

const fetch = (id: string): GivenPath => ({ operations: { get: `Fetch${id}` } });

describe("the plan", () => {
  it.each([
    // given the paths of a spec → want each resource module's path and class
    [
      "a sub-resource sits in its parent's folder",
      { "/v1/Workspaces/{Sid}": fetch("Workspace"), "/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}": fetch("Task") },
      ["shop/v1/workspace.ts Workspace", "shop/v1/workspace/task.ts Task"],
    ],
    [
      "a second class of one name takes its mount name, then a number",
      {
        "/v1/A/{Sid}": { ...fetch("A"), xTwilio: { className: "fruit_pears", mountName: "a_items" } },
        "/v1/B/{Sid}": { ...fetch("B"), xTwilio: { className: "fruit", mountName: "b_items" } },
        "/v1/C/{Sid}": { ...fetch("C"), xTwilio: { className: "fruit", mountName: "c_items" } },
        "/v1/D/{Sid}": { ...fetch("D"), xTwilio: { className: "fruit", mountName: "pears" } },
      },
      [
        "shop/v1/fruit.ts Fruit",
        "shop/v1/fruit_2.ts Fruit",
        "shop/v1/fruit_c_items.ts Fruit",
        "shop/v1/fruit_pears.ts FruitPears",
      ],
    ],
    [
      "a class a runtime type would clash with takes `Resource`",
      { "/v1/Mounted/{Sid}": fetch("Mounted") },
      ["shop/v1/mounted_resource.ts MountedResource"],
    ],
  ])("%s", async (_, paths, want) => {
    const files = await plan(given("twilio_shop_v1", "shop", paths));

    expect(resources(files).map(({ path, view }) => `${path} ${view.className}`)).toEqual(want);
  });

  it.each([
    // given the host → want the domain module, its class and the version's class
    ["shop", "shop/index.ts", "Shop", "shop/v1/index.ts", "ShopV1"],
    ["flex-api", "flex_api/index.ts", "FlexApi", "flex_api/v1/index.ts", "FlexApiV1"],
    ["client", "client_domain/index.ts", "ClientDomain", "client_domain/v1/index.ts", "ClientDomainV1"],
  ])(
    "serves host %s from %s (%s), version module %s (%s)",
    async (host, domainPath, domainClass, path, versionClass) => {
      const files = await plan(given("twilio_shop_v1", host, { "/v1/Items/{Sid}": fetch("Item") }));

      const domain = files.find((file) => file.kind === "domain");
      expect([domain?.path, domain?.kind === "domain" && domain.view.className]).toEqual([domainPath, domainClass]);
      expect(versions(files).map((version) => [version.path, version.view.className])).toEqual([[path, versionClass]]);
    },
  );

  it("imports a child whose class name is taken under an alias made of its mount name", async () => {
    const files = await plan(
      given("twilio_shop_v1", "shop", {
        "/v1/Items/{Sid}": fetch("Item"),
        "/v1/Items/{ItemSid}/Parts/{Sid}": { ...fetch("Part"), xTwilio: { className: "item" } },
      }),
    );

    const parent = resources(files).find(({ path }) => path === "shop/v1/item.ts")!.view;
    expect(parent.imports.filter(({ from }) => from === "./item/item.js")).toEqual([
      {
        from: "./item/item.js",
        names: [
          { name: "ItemList", alias: "PartsItemList", typeOnly: false },
          { name: "ItemContext", alias: "PartsItemContext", typeOnly: false },
        ],
        typeOnly: false,
      },
    ]);
    expect(
      parent.context?.children.map(({ mountName, listClass, contextClass }) => [mountName, listClass, contextClass]),
    ).toEqual([["parts", "PartsItemList", "PartsItemContext"]]);
  });

  it.each([
    // given an operation id → want its module constant
    ["FetchWidget", "fetchWidget"],
    ["Delete", "deleteOperation"],
    ["FetchConstructor", "fetchConstructor"],
  ])("names the operation %s's constant %s", async (operationId, want) => {
    const method = operationId.startsWith("Delete") ? "delete" : "get";
    const files = await plan(
      given("twilio_shop_v1", "shop", { "/v1/Widgets/{Sid}": { operations: { [method]: operationId } } }),
    );

    expect(resources(files)[0]!.view.operations.map((operation) => operation.constName)).toEqual([want]);
  });

  it.each([
    // given the pattern of the root's key → want the root client's default account
    [
      "^AC[0-9a-fA-F]{32}$",
      { route: "api.v2010", modulePath: "api/v2010/account.js", contextClass: "AccountContext", shortcuts: ["calls"] },
    ],
    ["^XX[0-9a-fA-F]{32}$", undefined],
  ])("with an account key pattern %s opens the default account %j", async (keyPattern, want) => {
    const files = await plan(
      given("twilio_api_v2010", "api", {
        "/2010-04-01/Accounts/{Sid}.json": { ...fetch("Account"), keyPattern },
        "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json": fetch("Call"),
        // A child named like a domain is reached through the domain, not as a shortcut.
        "/2010-04-01/Accounts/{AccountSid}/Api/{Sid}.json": fetch("Api"),
      }),
    );

    const client = files.find((file) => file.kind === "client");
    expect(client?.kind === "client" && client.view.defaultAccount).toEqual(want);
    expect(versions(files)[0]!.view.accountContext).toBe(want && "AccountContext");
  });

  it("renames a sub-resource its parent's instance declares, where the SDK mounts it and where the report calls it", async () => {
    const spec = given("twilio_flows_v1", "flows", {
      "/v1/Steps/{Sid}": { ...fetch("Step"), fields: ["context"] },
      "/v1/Steps/{StepSid}/Context": { operations: { get: "FetchStepContext", post: "UpdateStepContext" } },
    });
    const [model] = await modelsOf(spec);
    const files = await plan(spec);

    // The model keeps the spec's path; the SDK mounts it beside the field `context` as `stepContext`.
    expect(model!.versions[0]!.resources[0]!.instanceChildren.map((child) => child.segments)).toEqual([
      ["Steps", "{StepSid}", "Context"],
    ]);
    const step = resources(files).find(({ path }) => path === "flows/v1/step.ts")!.view;
    expect(step.context?.children.map((child) => child.mountName)).toEqual(["stepContext"]);
    const concurrency = files.find((file) => file.kind === "concurrency");
    expect(
      concurrency?.kind === "concurrency" && concurrency.view.specs[0]!.ifMatch.map((entry) => entry.call),
    ).toEqual(["flows.v1.steps(StepSid).stepContext.update()"]);
  });

  it("gives a class a runtime type would spell its `Resource` in the plan, the model keeping the spec's name", async () => {
    const spec = given("twilio_shop_v1", "shop", { "/v1/Mounted/{Sid}": fetch("Mounted") });
    const [model] = await modelsOf(spec);

    expect(model!.versions[0]!.resources.map((node) => [node.segments, node.hints])).toEqual([[["Mounted"], {}]]);
    expect(resources(await plan(spec)).map(({ view }) => view.className)).toEqual(["MountedResource"]);
  });

  it("renames a version the domain class declares in the plan, the model keeping the spec's name", async () => {
    // twilio_preview's layout: no version in the file name, so each path's first segment is its version.
    const spec = given("twilio_shop", "shop", { "/Client/Items/{Sid}": fetch("Item") });
    const [model] = await modelsOf(spec);

    expect(model!.versions.map((version) => version.name)).toEqual(["Client"]);
    expect(versions(await plan(spec)).map(({ path, view }) => [path, view.property, view.className])).toEqual([
      ["shop/client_version/index.ts", "clientVersion", "ShopClientVersion"],
    ]);
  });

  it("renames a domain the root client declares in the plan, the model keeping the host's name", async () => {
    const spec = given("twilio_client_v1", "client", { "/v1/Items/{Sid}": fetch("Item") });
    const [model] = await modelsOf(spec);
    const files = await plan(spec);

    expect(model!.host).toBe("client");
    const client = files.find((file) => file.kind === "client");
    expect(client?.kind === "client" && client.view.domains.map((domain) => domain.property)).toEqual(["clientDomain"]);
  });
});
