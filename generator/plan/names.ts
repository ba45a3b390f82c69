/**
 * The names the plan makes: options and fields from the spec's wire names; from the resource,
 * version and domain names (resourceNames.ts makes them from the spec's facts) where each resource
 * module goes, the aliases a module imports its children's classes under, operation constants,
 * options types, instance members, and the domain and version classes; and the members the SDK
 * declares itself, which names made from a spec yield to. Rules tested as given/want tables.
 */
import { camelCase, firstFree, isBindingName, pascalCase, singular, snakeCase } from "../util/caseNames.js";
import { memoized } from "../util/memoized.js";
import type { OperationKind, OperationModel, ParameterModel } from "../model/types.js";
import type { NamedResource } from "./types.js";
import type { ImportedName } from "./views.js";

/** Every object's own: `Object.prototype`'s members (`constructor`, `toString`, `__proto__`, ...). */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype);
/** The operation methods of lists, contexts and instances; `list()` and `each()` come with `page()`. */
const OPERATION_MEMBERS = ["create", "fetch", "update", "patch", "remove", "page", "list", "each", "mutate"];

/**
 * Member names the SDK declares itself, by the class that declares them (docs/naming.md). A name
 * made from a spec that equals one of them is renamed, so both stay reachable and the SDK compiles.
 */
export const RESERVED_MEMBERS = {
  /** The root client, a domain, a version: `client` holds the HTTP client. */
  client: new Set([...OBJECT_MEMBERS, "client"]),
  /** A list: a keyed list is mounted as a function, whose own `name` and `length` hide the list's. */
  list: new Set([...OBJECT_MEMBERS, ...OPERATION_MEMBERS, "client", "params", "get", "name", "length"]),
  context: new Set([...OBJECT_MEMBERS, ...OPERATION_MEMBERS, "client", "params"]),
  /** An instance: its runtime bases' members (ResourceInstance, ContextualInstance) and the generated class's own. */
  instance: new Set([
    ...OBJECT_MEMBERS,
    ...OPERATION_MEMBERS,
    "headers",
    "etag",
    "raw",
    "toJSON",
    "keyField",
    "client",
    "listParams",
  ]),
};

/** The class names the root client module declares or imports beside the domains'. */
const ROOT_CLASS_NAMES = new Set(["Twilio", "ApiClient", "ClientOptions"]);

/**
 * A domain's property on the root client: a member the root client declares (`client`), or one whose
 * class would be a root class's name (`twilio` → `Twilio`), gets `Domain` (`clientDomain`).
 */
export function domainMember(property: string): string {
  const reserved = RESERVED_MEMBERS.client.has(property) || ROOT_CLASS_NAMES.has(pascalCase(property));
  return reserved ? `${property}Domain` : property;
}

/** The domain's module folder and class: `flexApi` → `flex_api`, `FlexApi`. */
export function domainNames(property: string): { folder: string; className: string } {
  return { folder: snakeCase(property), className: pascalCase(property) };
}

/** A version's module folder (inside its domain's) and class: `v2010` of `api` → `v2010`, `ApiV2010`. */
export function versionNames(domainClass: string, property: string): { folder: string; className: string } {
  return { folder: snakeCase(property), className: `${domainClass}${pascalCase(property)}` };
}

/** A version's property on its domain; a member the domain class declares (`client`) → `clientVersion`. */
export function versionMember(property: string): string {
  return RESERVED_MEMBERS.client.has(property) ? `${property}Version` : property;
}

/** Runtime types that resource and version modules import beside the classes they declare. */
const RUNTIME_TYPES = new Set([
  "ApiClient",
  "ApiResponse",
  "ComputeChanges",
  "ContextualInstance",
  "MountedList",
  "MutateOptions",
  "Operation",
  "Page",
  "PagedList",
  "PageItem",
  "ResourceHandle",
  "ResourceInstance",
]);
const CLASS_SUFFIXES = ["List", "Context", "Instance", "Page", "Resource", "Mutation"];

/** A resource's class name, `Resource` added where a class it declares would be a runtime type's name (`Mounted`). */
export function resourceClassName(name: string): string {
  return CLASS_SUFFIXES.some((suffix) => RUNTIME_TYPES.has(`${name}${suffix}`)) ? `${name}Resource` : name;
}

/** What an instance (and its context) declares: the SDK's members and the resource's fields. */
export function instanceMembers(node: Pick<NamedResource, "properties">): Set<string> {
  const members = new Set(SDK_INSTANCE_MEMBERS);
  for (const field of node.properties) members.add(fieldProperty(field.wireName)).add(field.wireName);
  return members;
}

/** What every instance and context declares, whatever its fields. */
const SDK_INSTANCE_MEMBERS: ReadonlySet<string> = new Set([...RESERVED_MEMBERS.instance, ...RESERVED_MEMBERS.context]);

/**
 * The mount name of a sub-resource whose name its class already declares (a field, an operation,
 * a member of the SDK's): its parent's singular name before it, as Twilio's SDKs name Studio's
 * `step.stepContext` beside the field `step.context`; then `<name>Resource`, `<name>Resource2`, ...
 */
export function childMount(mount: string, parentMount: string | undefined, taken: ReadonlySet<string>): string {
  const prefixed = parentMount
    ? [`${camelCase(singular(parentMount))}${mount.charAt(0).toUpperCase()}${mount.slice(1)}`]
    : [];
  return firstFree([mount, ...prefixed], `${mount}Resource`, taken);
}

/**
 * Each resource's module, in its parent's folder: `v1/workspace/task.ts`. A class name its folder
 * already holds takes the mount name too (`fruit_pears.ts`), then a number (`fruit_2.ts`).
 */
export function resourceFiles(roots: readonly NamedResource[], folder: string): Map<NamedResource, string> {
  const files = new Map<NamedResource, string>();
  const used = new Set<string>([`${folder}/index`]);
  const visit = (nodes: readonly NamedResource[], directory: string): void => {
    for (const node of nodes) {
      const base = snakeCase(node.className);
      let name = used.has(`${directory}/${base}`) ? `${base}_${snakeCase(node.mountName)}` : base;
      for (let index = 2; used.has(`${directory}/${name}`); index++) name = `${base}_${index}`;
      used.add(`${directory}/${name}`);
      files.set(node, `${directory}/${name}.ts`);
      visit([...node.listChildren, ...node.instanceChildren], `${directory}/${name}`);
    }
  };
  visit(roots, folder);
  return files;
}

/** The classes a parent imports from a child's module: its list, and its context when it is keyed. */
export function childClasses(child: NamedResource): string[] {
  return child.keyParameter ? [`${child.className}List`, `${child.className}Context`] : [`${child.className}List`];
}

/**
 * The prefix of a child's classes in its parent's module: its class name, unless the module already
 * declares or imports that one; then its mount name before it (`PartsItem`), then a number. `taken`
 * is the module's, and takes the prefix chosen.
 */
export function childClassPrefix(child: NamedResource, taken: Set<string>): string {
  let prefix = child.className;
  if (taken.has(prefix)) {
    const base = `${child.mountName.charAt(0).toUpperCase()}${child.mountName.slice(1)}${child.className}`;
    prefix = base;
    for (let index = 2; taken.has(prefix); index++) prefix = `${base}${index}`;
  }
  taken.add(prefix);
  return prefix;
}

/** A child's classes as its parent imports them: ``ItemList` imported as `PartsItemList`` under another prefix. */
export function childImportNames(child: NamedResource, prefix: string): ImportedName[] {
  return childClasses(child).map((name) => ({
    name,
    alias: prefix === child.className ? undefined : `${prefix}${name.slice(child.className.length)}`,
    typeOnly: false,
  }));
}

/** An operation's options object also carries `signal`, and `list()` / `each()` take `limit`. */
const RESERVED_OPTIONS = new Set([...OBJECT_MEMBERS, "signal", "limit"]);

/**
 * The option property of a parameter: camel case (`StartTime<` → `startTimeBefore`); a name the
 * options object already has (`signal`, `limit`, `body` beside a JSON body, `toString`, ...) gets `Param`.
 */
export function optionProperty(wireName: string, hasJsonBody: boolean): string {
  const name = camelCase(wireName);
  return RESERVED_OPTIONS.has(name) || (hasJsonBody && name === "body") ? `${name}Param` : name;
}

/** Two options of one operation that would be one property: the plan refuses them where `second` is declared. */
export interface OptionClash {
  first: ParameterModel;
  second: ParameterModel;
  property: string;
}

/**
 * The property of each path parameter and option of an operation (`ifMatch` for `If-Match`), and
 * the first two options whose wire names name one property (`PageSize`, `pageSize`), if any.
 */
export function optionNames(operation: OperationModel): { names: Map<ParameterModel, string>; clash?: OptionClash } {
  const hasJsonBody = operation.jsonBody !== undefined;
  const names = new Map<ParameterModel, string>();
  for (const parameter of operation.pathParameters)
    names.set(parameter, optionProperty(parameter.wireName, hasJsonBody));
  const byProperty = new Map<string, ParameterModel>();
  let clash: OptionClash | undefined;
  for (const option of operation.options) {
    const property = optionProperty(option.wireName, hasJsonBody);
    const first = byProperty.get(property);
    if (first && !clash) clash = { first, second: option, property };
    byProperty.set(property, option);
    names.set(option, property);
  }
  return { names, clash };
}

/** The options type of a method: `TaskUpdateOptions`. */
export function optionsTypeName(className: string, kind: OperationKind): string {
  return `${className}${pascalCase(kind)}Options`;
}

/** A resource field's camel-cased name: its spelling kept, underscores and dashes dropped (`date_created` → `dateCreated`). */
export const fieldProperty = memoized((wireName: string): string =>
  wireName.replace(/[_-]+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase()),
);

/** A nested object's key as twilio-node reads it: camel case, first letter lower case (`KYT` → `kYT`). */
export function nestedFieldKey(wireName: string): string {
  const name = fieldProperty(wireName);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * The getter names of a resource's fields (given as the spec names them), in field order. A field
 * keeps its camel-cased name unless the instance declares that member or another field took it:
 * then its wire name, then `<name>Field`, `<name>Field2`, ... Fields already spelled in camel case
 * claim their name first, so `dateCreated` keeps it beside `date_created` (reachable as `date_created`).
 */
export function fieldMembers(wireNames: readonly string[]): string[] {
  const taken = new Set(RESERVED_MEMBERS.instance);
  const fields = wireNames.map((wireName) => ({ wireName, property: fieldProperty(wireName) }));
  const members: (string | undefined)[] = fields.map((field) => {
    if (field.wireName !== field.property || taken.has(field.property)) return undefined;
    taken.add(field.property);
    return field.property;
  });
  return fields.map((field, index) => {
    const chosen = members[index];
    if (chosen !== undefined) return chosen;
    const name = firstFree([field.property, field.wireName], `${field.property}Field`, taken);
    taken.add(name);
    return name;
  });
}

/** The module constant of an operation: `FetchTask` → `fetchTask`; `Delete` → `deleteOperation`. */
export function operationConstName(operationId: string, taken: ReadonlySet<string>): string {
  const name = camelCase(operationId);
  return firstFree(isBindingName(name) ? [name] : [], `${name}Operation`, taken);
}
