import { describe, expect, it } from "vitest";
import {
  childClassPrefix,
  childMount,
  fieldMembers,
  fieldProperty,
  nestedFieldKey,
  optionNames,
  optionProperty,
  operationConstName,
  resourceClassName,
  versionMember,
  domainMember,
} from "../../generator/plan/names.js";
import type { OperationModel, ParameterModel } from "../../generator/model/types.js";
import type { NamedResource } from "../../generator/plan/types.js";

describe("the plan's naming rules", () => {
  it.each([
    ["plain fields keep their names", ["sid", "date_created"], ["sid", "dateCreated"]],
    [
      "SDK members get Field",
      ["mutate", "etag", "headers", "toJSON", "client", "listParams"],
      ["mutateField", "etagField", "headersField", "toJSONField", "clientField", "listParamsField"],
    ],
    [
      "every object's members get Field",
      ["constructor", "toString", "hasOwnProperty", "__proto__"],
      ["constructorField", "toStringField", "hasOwnPropertyField", "Proto__"],
    ],
    ["operations get Field", ["update", "fetch", "list"], ["updateField", "fetchField", "listField"]],
    ["context is a field's", ["context"], ["context"]],
    // The raw body is raw(); the runtime keeps it private, so IAM's `resource` keeps its name, as in twilio-node.
    ["raw() gets Field, resource is a field's", ["raw", "resource"], ["rawField", "resource"]],
    [
      "camel case claims first, the other keeps its wire name",
      ["date_created", "dateCreated"],
      ["date_created", "dateCreated"],
    ],
    [
      "then Field, then numbers",
      ["a_b", "a-b", "aB", "etag", "etagField"],
      ["a_b", "a-b", "aB", "etagField2", "etagField"],
    ],
  ])("fieldMembers: %s", (_, given, want) => expect(fieldMembers(given)).toEqual(want));

  it.each([
    ["date_created", "dateCreated", "dateCreated"],
    ["links-self", "linksSelf", "linksSelf"],
    ["KYT", "KYT", "kYT"],
    ["__proto__", "Proto__", "proto__"],
  ])("fieldProperty, nestedFieldKey: %s", (wireName, property, key) =>
    expect([fieldProperty(wireName), nestedFieldKey(wireName)]).toEqual([property, key]),
  );

  it.each([
    ["PageSize", false, "pageSize"],
    ["Signal", false, "signalParam"],
    ["Limit", false, "limitParam"],
    ["constructor", false, "constructorParam"],
    ["toString", false, "toStringParam"],
    ["Body", false, "body"],
    ["Body", true, "bodyParam"],
  ])("optionProperty(%s, JSON body %s) = %s", (given, json, want) => expect(optionProperty(given, json)).toBe(want));

  const parameter = (wireName: string, location: ParameterModel["location"] = "query"): ParameterModel => ({
    wireName,
    declaredAt: ["paths", "/v1/Notes", "get", "parameters", wireName],
    location,
    required: false,
    deprecated: false,
    schema: {},
  });
  const withOptions = (path: ParameterModel[], options: ParameterModel[], json = false) =>
    ({
      pathParameters: path,
      options,
      jsonBody: json ? { contentType: "application/json", required: false, schema: {} } : undefined,
    }) as OperationModel;

  it("optionNames: every path parameter and option by the option rule", () => {
    const given = [
      parameter("Sid", "path"),
      parameter("StartTime<"),
      parameter("If-Match", "header"),
      parameter("Body"),
    ];
    const { names, clash } = optionNames(withOptions(given.slice(0, 1), given.slice(1), true));
    expect([given.map((entry) => names.get(entry)), clash]).toEqual([
      ["sid", "startTimeBefore", "ifMatch", "bodyParam"],
      undefined,
    ]);
  });

  it("optionNames: the first two options that name one property, the second where it is refused", () => {
    const [pageSize, page, lower, other] = ["PageSize", "Page", "pageSize", "page_size"].map((name) => parameter(name));
    const { clash } = optionNames(withOptions([], [pageSize!, page!, lower!, other!]));
    expect(clash).toEqual({ first: pageSize, second: lower, property: "pageSize" });
  });

  it.each([
    ["FetchTask", [], "fetchTask"],
    ["Delete", [], "deleteOperation"],
    ["ListTask", ["listTask"], "listTaskOperation"],
    ["List_Task", ["listTask", "listTaskOperation"], "listTaskOperation2"],
  ])("operationConstName(%s, taken %j) = %s", (given, taken, want) =>
    expect(operationConstName(given, new Set(taken))).toBe(want),
  );

  it.each([
    ["context", "steps", ["context"], "stepContext"],
    ["context", "executions", ["context"], "executionContext"],
    ["context", "engagements", ["context"], "engagementContext"],
    ["mutate", "widgets", ["mutate"], "widgetMutate"],
    ["constructor", undefined, ["constructor"], "constructorResource"],
    ["client", "widgets", ["client", "widgetClient"], "clientResource"],
    ["client", undefined, ["client", "clientResource"], "clientResource2"],
  ])("childMount(%s under %s, taken %j) = %s", (mount, parent, taken, want) =>
    expect(childMount(mount, parent, new Set(taken))).toBe(want),
  );

  it.each([
    ["Task", "Task"],
    ["Mounted", "MountedResource"],
    // `PagedList` is the runtime base of a list that pages.
    ["Paged", "PagedResource"],
    // `ContextualInstance` is the runtime base of every instance class.
    ["Contextual", "ContextualResource"],
    ["ApiClient", "ApiClient"],
  ])("resourceClassName(%s) = %s", (given, want) => expect(resourceClassName(given)).toBe(want));
  it.each([
    ["sync", "sync"],
    ["flexApi", "flexApi"],
    ["client", "clientDomain"],
    ["constructor", "constructorDomain"],
    ["twilio", "twilioDomain"],
    ["apiClient", "apiClientDomain"],
  ])("domainMember(%s) = %s", (given, want) => expect(domainMember(given)).toBe(want));

  it.each([
    ["v1", "v1"],
    ["v2010", "v2010"],
    ["client", "clientVersion"],
    ["constructor", "constructorVersion"],
  ])("versionMember(%s) = %s", (given, want) => expect(versionMember(given)).toBe(want));

  const child = (className: string, mountName: string) => ({ className, mountName }) as NamedResource;
  it.each([
    // given a child's class and mount, and the names its parent's module holds → want its classes' prefix
    ["Task", "tasks", ["Workspace"], "Task"],
    ["Item", "parts", ["Item"], "PartsItem"],
    ["Item", "parts", ["Item", "PartsItem"], "PartsItem2"],
  ])("childClassPrefix(%s mounted as %s, taken %j) = %s", (className, mountName, taken, want) => {
    const names = new Set(taken);

    expect(childClassPrefix(child(className, mountName), names)).toBe(want);
    expect(names.has(want)).toBe(true);
  });
});
