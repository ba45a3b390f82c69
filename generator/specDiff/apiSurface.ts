import { basename } from "node:path";
import { optionProperty } from "../plan/names.js";
import { domainProperty, namedVersions } from "../plan/resourceNames.js";
import type { NamedResource } from "../plan/types.js";
import { fillKeys, sdkPaths, type SdkPath } from "../plan/sdkPaths.js";
import type { OperationModel, Schema, SpecModel } from "../model/types.js";
import { compareText } from "../util/ordering.js";
import { resolve, schemaShape, type SchemaShape } from "./schemaShape.js";

/**
 * What a spec set offers SDK callers, flattened for comparison: services (SDK domains), their
 * versions, every resource with its operations, options and response fields, each with the SDK
 * expression that reaches it. Built from resource models, so two spec sets compare by meaning, not text.
 */
export interface ApiSurface {
  /** Spec file names, with how many operations each defines. */
  specFiles: { file: string; operations: number }[];
  services: ServiceSurface[];
}

export interface ServiceSurface {
  /** The property on the root client: `sync`, `flexApi`. */
  name: string;
  specs: string[];
  versions: VersionSurface[];
}

export interface VersionSurface {
  /** The property on the domain: `v1`, `v2010`, `hostedNumbers`. */
  property: string;
  spec: string;
  /** `preview.sync` */
  call: string;
  resources: ResourceSurface[];
}

export interface ResourceSurface {
  /** Normalised path below the version and class name: a resource's identity within its version. */
  key: string;
  identity: string;
  className: string;
  /** The list side: `sync.v1.services(ServiceSid).documents`. */
  call: string;
  operations: OperationSurface[];
  /** The resource's response fields (wire names) with their types. */
  fields: { name: string; type: string }[];
}

export interface OperationSurface {
  /** `list:create`, `instance:update`: how the SDK exposes the operation, its identity within the resource. */
  key: string;
  operationId: string;
  method: string;
  path: string;
  /** `sync.v1.services(ServiceSid).documents(Sid).update()` */
  call: string;
  /** Options as the SDK takes them (`friendlyName`, `body.name`), without `ifMatch`. */
  parameters: ParameterSurface[];
  ifMatch: boolean;
  /** Statuses of the responses that carry an ETag header. */
  etagStatuses: number[];
}

export interface ParameterSurface extends SchemaShape {
  name: string;
  required: boolean;
}

export function apiSurface(models: readonly SpecModel[]): ApiSurface {
  const services = new Map<string, ServiceSurface>();
  // A spec without operations adds nothing to the SDK (no domain, no version): only its file is listed.
  for (const model of models.filter((spec) => spec.versions.length > 0)) {
    const spec = basename(model.file);
    const domain = domainProperty(model.host);
    const service = services.get(domain) ?? { name: domain, specs: [], versions: [] };
    services.set(domain, service);
    service.specs.push(spec);
    for (const version of namedVersions(model)) {
      const call = `${domain}.${version.property}`;
      const resources = flatten(version.resources, call).map(({ node, list, instance }) =>
        resourceSurface(node, list, instance, model.componentSchemas),
      );
      service.versions.push({ property: version.property, spec, call, resources: resources.sort(byKey) });
    }
  }
  for (const service of services.values()) {
    service.specs.sort(compareText);
    service.versions.sort((a, b) => compareText(a.property, b.property));
  }
  return {
    specFiles: models
      .map((model) => ({ file: basename(model.file), operations: model.operationCount }))
      .sort((a, b) => compareText(a.file, b.file)),
    services: [...services.values()].sort((a, b) => compareText(a.name, b.name)),
  };
}

/** Every resource with the SDK expressions of its list and one instance, keys named after its own path. */
function flatten(nodes: readonly NamedResource[], prefix: string): SdkPath[] {
  return sdkPaths(nodes, prefix).map(({ node, list, instance }) => ({
    node,
    list: fillKeys(list, node.listParameters),
    instance: fillKeys(instance, node.instanceParameters),
  }));
}

function resourceSurface(
  node: NamedResource,
  list: string,
  instance: string,
  components: Record<string, Schema>,
): ResourceSurface {
  const operations = [
    ...node.listOperations.map((operation) => operationSurface(operation, "list", list, components)),
    ...node.instanceOperations.map((operation) => operationSurface(operation, "instance", instance, components)),
  ];
  const properties = resolve(node.resourceSchema, components).properties;
  return {
    key: `${node.identity}#${node.className}`,
    identity: node.identity,
    className: node.className,
    call: list,
    operations: operations.sort(byKey),
    fields: Object.entries(properties ?? {})
      .map(([name, schema]) => ({ name, type: schemaShape(schema, components).type }))
      .sort((a, b) => compareText(a.name, b.name)),
  };
}

function operationSurface(
  operation: OperationModel,
  side: "list" | "instance",
  owner: string,
  components: Record<string, Schema>,
): OperationSurface {
  const options = operation.options.filter((option) => option !== operation.ifMatch);
  const parameters: ParameterSurface[] = options.map((option) => ({
    name: optionProperty(option.wireName, operation.jsonBody !== undefined),
    required: option.required,
    ...schemaShape(option.schema, components),
  }));
  if (operation.jsonBody) {
    const body = resolve(operation.jsonBody.schema, components);
    const required = new Set(Array.isArray(body.required) ? body.required : []);
    parameters.push({ name: "body", required: operation.jsonBody.required, ...schemaShape(body, components) });
    for (const [name, schema] of Object.entries(body.properties ?? {})) {
      parameters.push({ name: `body.${name}`, required: required.has(name), ...schemaShape(schema, components) });
    }
  }
  return {
    key: `${side}:${operation.kind}`,
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    call: `${owner}.${operation.kind}()`,
    parameters: parameters.sort((a, b) => compareText(a.name, b.name)),
    ifMatch: operation.ifMatch !== undefined,
    etagStatuses: operation.etagResponses.map((response) => response.status),
  };
}

function byKey(a: { key: string }, b: { key: string }): number {
  return compareText(a.key, b.key);
}
