import { describe, expect, it } from "vitest";
import { SpecLocator } from "../../generator/merge/specLocator.js";
import { identityOf, parameterName, isParameterSegment } from "../../generator/model/resourcePaths.js";
import type { OperationModel, ResourceHints, ResourceNode, SpecModel } from "../../generator/model/types.js";
import { domainProperty, namedVersion, resourceNames, versionName } from "../../generator/plan/resourceNames.js";
import type { NamedResource } from "../../generator/plan/types.js";
import { GeneratorError } from "../../generator/util/diagnostics.js";

// The plan makes every name of a domain, version and resource from the spec's facts the model keeps.

describe("resourceNames: a resource's class and mount from its segments and the spec's hints", () => {
  it.each([
    ["the last static segment", ["Workspaces", "{WorkspaceSid}", "Tasks"], {}, ["Task", "tasks"]],
    ["an unchanged plural", ["Services", "{Sid}", "Usage"], {}, ["Usage", "usage"]],
    [
      "a className alone",
      ["Workspaces", "{Sid}", "Statistics"],
      { className: "workspace_statistics" },
      ["WorkspaceStatistics", "statistics"],
    ],
    [
      "a className and a mountName",
      ["Tasks", "{TaskSid}", "Reservations"],
      { className: "task_reservation", mountName: "reservations_of_task" },
      ["TaskReservation", "reservationsOfTask"],
    ],
    ["a mountName alone", ["Tasks"], { mountName: "jobs" }, ["Job", "jobs"]],
    ["an operation's own mountName, over the path's", ["Keys"], { operationMount: "new_keys" }, ["NewKey", "newKeys"]],
    ["a shared path's named resource", ["Keys"], { className: "new_key", sharedPath: true }, ["NewKey", "newKeys"]],
    [
      "a shared path's named resource, plural of its last word",
      ["OutgoingCallerIds"],
      { className: "validation_policy", sharedPath: true },
      ["ValidationPolicy", "validationPolicies"],
    ],
    ["a path without a letter or digit (refused by namedVersion)", ["---"], {}, ["", ""]],
  ] as [string, string[], ResourceHints, [string, string]][])("%s", (_, segments, hints, want) => {
    const { className, mountName } = resourceNames(segments, hints);
    expect([className, mountName]).toEqual(want);
  });
});

describe("versions and domains", () => {
  it.each([
    ["v1", "v1"],
    ["2010-04-01", "v2010"],
    ["HostedNumbers", "hostedNumbers"],
    ["organizations", "organizations"],
    // The domain class's members are reserved by namedVersion (versionMember), not here.
    ["client", "client"],
  ])("versionName(%s) = %s", (given, want) => expect(versionName(given)).toBe(want));

  it.each([
    ["sync", "sync"],
    ["flex-api", "flexApi"],
    // A member of the root client, or a root class's name.
    ["client", "clientDomain"],
    ["twilio", "twilioDomain"],
    ["api-client", "apiClientDomain"],
    ["constructor", "constructorDomain"],
  ])("domainProperty(%s) = %s", (given, want) => expect(domainProperty(given)).toBe(want));
});

const SPEC = { file: "specs/twilio_shop_v1.yaml", name: "twilio_shop_v1" } as SpecModel;

/** A resource of `segments` (its collection; `keyed`: with `{Sid}` after it), the spec's hints, fields and children. */
function resource(
  segments: string[],
  options: {
    hints?: ResourceHints;
    keyed?: boolean;
    fields?: string[];
    list?: ResourceNode[];
    instance?: ResourceNode[];
  } = {},
): ResourceNode {
  const listParameters = segments.filter(isParameterSegment).map(parameterName);
  const operation = { operationId: "Fetch", method: "GET", path: `/v1/${segments.join("/")}` } as OperationModel;
  return {
    segments,
    identity: identityOf(segments),
    hints: options.hints ?? {},
    keyParameter: options.keyed ? "Sid" : undefined,
    listParameters,
    instanceParameters: options.keyed ? [...listParameters, "Sid"] : listParameters,
    listOperations: [operation],
    instanceOperations: [],
    properties: (options.fields ?? []).map((wireName) => ({
      wireName,
      date: false,
      integer: false,
      nested: undefined,
    })),
    listChildren: options.list ?? [],
    instanceChildren: options.instance ?? [],
  };
}

/** The version as the SDK mounts it: its property, and each resource as `mount: Class` in mount order, nested. */
function mounted(name: string, resources: ResourceNode[], locator?: SpecLocator): unknown {
  const specOf = new Map<ResourceNode, SpecModel>();
  const visit = (node: ResourceNode): void => {
    specOf.set(node, SPEC);
    [...node.listChildren, ...node.instanceChildren].forEach(visit);
  };
  resources.forEach(visit);
  const version = namedVersion({ name, resources, specOf }, locator);
  const show = (nodes: NamedResource[]): unknown[] =>
    nodes.map((node) => {
      expect(version.specOf.get(node)).toBe(SPEC);
      const children = [...show(node.listChildren), ...show(node.instanceChildren)];
      return children.length
        ? { [`${node.mountName}: ${node.className}`]: children }
        : `${node.mountName}: ${node.className}`;
    });
  return { [version.property]: show(version.resources) };
}

describe("namedVersion: the names a version and its resources are mounted under, renames included", () => {
  it.each([
    [
      "plain names, in mount order",
      "v1",
      [resource(["Tasks"]), resource(["Bins"])],
      { v1: ["bins: Bin", "tasks: Task"] },
    ],
    ["a dated version", "2010-04-01", [resource(["Calls"])], { v2010: ["calls: Call"] }],
    ["a version the domain class declares", "client", [resource(["Items"])], { clientVersion: ["items: Item"] }],
    [
      "a class a runtime type would spell (`MountedList`)",
      "v1",
      [resource(["Mounted"]), resource(["Paged"]), resource(["Pages"])],
      { v1: ["mounted: MountedResource", "paged: PagedResource", "pages: Page"] },
    ],
    ["a root the version class declares", "v1", [resource(["Client"])], { v1: ["clientResource: Client"] }],
    [
      "a sub-resource beside its parent's field (Studio's `context`)",
      "v1",
      [
        resource(["Steps"], {
          keyed: true,
          fields: ["context"],
          instance: [resource(["Steps", "{StepSid}", "Context"])],
        }),
      ],
      { v1: [{ "steps: Step": ["stepContext: Context"] }] },
    ],
    [
      "a sub-resource of a list named as a list member, then its mount taken too",
      "v1",
      [
        resource(["Calls"], {
          list: [resource(["Calls", "Page"]), resource(["Calls", "Pages"], { hints: { mountName: "call_page" } })],
        }),
      ],
      { v1: [{ "calls: Call": ["callPage: CallPage", "pageResource: Page"] }] },
    ],
    [
      "a sub-resource named as an instance's operation",
      "v1",
      [resource(["Tasks"], { keyed: true, instance: [resource(["Tasks", "{TaskSid}", "Update"])] })],
      { v1: [{ "tasks: Task": ["taskUpdate: Update"] }] },
    ],
  ])("%s", (_, name, resources, want) => {
    expect(mounted(name, resources)).toEqual(want);
  });

  it("copies the merged tree, never changing it", () => {
    const tree = [resource(["Client"], { list: [resource(["Client", "Page"])] })];
    const before = structuredClone(tree);

    mounted("v1", tree);

    expect(tree).toEqual(before);
  });

  it.each([
    [
      "two paths apart from case",
      [resource(["Accounts"]), resource(["accounts"])],
      "specs/twilio_shop_v1.yaml (at paths./v1/accounts.get): path /accounts differs only in case from /Accounts at " +
        "specs/twilio_shop_v1.yaml (at paths./v1/Accounts.get): both would be the SDK member `accounts`",
    ],
    [
      "two resources the spec mounts under one name",
      [resource(["Tasks"]), resource(["Jobs"], { hints: { mountName: "tasks" } })],
      "specs/twilio_shop_v1.yaml (at paths./v1/Jobs.get): resource /Jobs and /Tasks at " +
        "specs/twilio_shop_v1.yaml (at paths./v1/Tasks.get) would both be the SDK member `tasks`",
    ],
  ])("refuses siblings of one mount, at both places, in a run: %s", (_, resources, want) => {
    const refusal = () => mounted("v1", resources, new SpecLocator([]));

    expect(refusal).toThrow(GeneratorError);
    expect(refusal).toThrow(want);
    // spec-diff names one file's calls without a run's locator: it reports, the run refuses.
    expect(() => mounted("v1", resources)).not.toThrow();
  });

  it.each([
    ["a resource", "v1", [resource(["Items"], { list: [resource(["Items", "---"])] })], "paths./v1/Items/---"],
    ["a version", "---", [resource(["Items"])], "paths./v1/Items"],
  ])("refuses %s the spec gives no name, at its path", (_, name, resources, pointer) => {
    const refusal = () => mounted(name, resources);

    expect(refusal).toThrow(`specs/twilio_shop_v1.yaml (at ${pointer}): the path gives no name`);
  });
});
