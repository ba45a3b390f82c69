/**
 * Finds the resource and operation a request addresses: Twilio's hosts (`<label>.twilio.com`,
 * with an edge and a region or not) and the path templates of the emitted data.
 */
import type { HttpMethod } from "../client.js";
import { decodeFields, decodePairs, decodeParams } from "./data.js";
import type { FieldData, OperationData, OperationKind, ParamData, ResourceData } from "./data.js";

/** A resource, decoded once, as the engine uses it. */
export interface Resource {
  index: number;
  data: ResourceData;
  fields: FieldData[];
  links: [string, string][];
}

/** An operation as a request reaches it. */
export interface Operation {
  kind: OperationKind;
  side: "list" | "instance";
  method: HttpMethod;
  status: number;
  data: OperationData;
  params: ParamData[];
  /** The answer's fields when the operation is simulated, not stored. */
  simulated: FieldData[] | undefined;
}

/** A request matched to a resource: the path template's values in path order. */
export interface RouteMatch {
  resource: Resource;
  side: "list" | "instance";
  /** Path parameter name → decoded value. */
  values: Map<string, string>;
  /** The operation for the request's method, when the resource has one. */
  operation: Operation | undefined;
}

const USUAL_METHOD: Record<OperationKind, HttpMethod> = {
  create: "POST",
  fetch: "GET",
  update: "POST",
  patch: "PATCH",
  remove: "DELETE",
  page: "GET",
};
const USUAL_STATUS: Partial<Record<OperationKind, number>> = { create: 201, remove: 204 };

interface Route {
  pattern: RegExp;
  names: string[];
  literals: number;
  resource: Resource;
  side: "list" | "instance";
  /** By method: the operation, and the resource that declares it. */
  operations: Map<string, { operation: Operation; resource: Resource }>;
}

/** The routes of every resource, by host label, the most literal path first. */
export class Routes {
  readonly resources: Resource[];
  readonly #byHost = new Map<string, Route[]>();

  constructor(data: readonly ResourceData[]) {
    this.resources = data.map((entry, index) => ({
      index,
      data: entry,
      fields: decodeFields(entry.fields),
      links: decodePairs(entry.links),
    }));
    // Resources that share a path (a key's create and its list, made two resources by their
    // shapes) share one route: each method answers with the resource that declares it.
    const byPath = new Map<string, Route>();
    for (const resource of this.resources) {
      for (const side of ["list", "instance"] as const) {
        const template = resource.data[side];
        if (template === undefined) continue;
        const added = route(resource, side, template);
        const existing = byPath.get(`${resource.data.host} ${template}`);
        if (existing !== undefined) {
          for (const [method, entry] of added.operations)
            if (!existing.operations.has(method)) existing.operations.set(method, entry);
          continue;
        }
        byPath.set(`${resource.data.host} ${template}`, added);
        const routes = this.#byHost.get(resource.data.host) ?? [];
        routes.push(added);
        this.#byHost.set(resource.data.host, routes);
      }
    }
    for (const routes of this.#byHost.values()) routes.sort((a, b) => b.literals - a.literals);
  }

  /** The host labels the data serves. */
  hosts(): string[] {
    return [...this.#byHost.keys()];
  }

  /** The route of `path` on `host`, or undefined. */
  match(host: string, path: string, method: string): RouteMatch | undefined {
    for (const candidate of this.#byHost.get(host) ?? []) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      const values = new Map(candidate.names.map((name, index) => [name, decode(found[index + 1]!)]));
      const declared = candidate.operations.get(method);
      const resource = declared?.resource ?? candidate.resource;
      return { resource, side: candidate.side, values, operation: declared?.operation };
    }
    return undefined;
  }
}

function route(resource: Resource, side: "list" | "instance", template: string): Route {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      names.push(name);
      return "([^/]+?)";
    })
    .join("");
  const operations: Route["operations"] = new Map();
  const declared = (side === "list" ? resource.data.listOperations : resource.data.instanceOperations) ?? {};
  for (const [kind, data] of Object.entries(declared) as [OperationKind, OperationData][]) {
    const method = data.method ?? USUAL_METHOD[kind];
    const status = data.status ?? USUAL_STATUS[kind] ?? 200;
    const simulated = data.simulated === undefined ? undefined : decodeFields(data.simulated);
    const operation = { kind, side, method, status, data, params: decodeParams(data.params), simulated };
    operations.set(method, { operation, resource });
  }
  const literals = template.split("/").filter((segment) => segment !== "" && !segment.includes("{")).length;
  return { pattern: new RegExp(`^${source}/?$`), names, literals, resource, side, operations };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The host label of a Twilio URL's hostname: `taskrouter` of `taskrouter.twilio.com` and of
 * `taskrouter.sydney.au1.twilio.com`; undefined for any other host.
 */
export function twilioHostLabel(hostname: string): string | undefined {
  const parts = hostname.toLowerCase().split(".");
  if (parts.length < 3 || parts.length > 5 || parts.at(-1) !== "com" || parts.at(-2) !== "twilio") return undefined;
  return parts[0];
}

/** A path template with its parameters filled, each value percent-encoded. */
export function fillPath(template: string, values: ReadonlyMap<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values.get(name) ?? ""));
}
