import type { Diagnostic } from "../util/diagnostics.js";
import type { Pointer } from "../util/refs.js";

/**
 * The resource model: plain data built from loaded specs, independent of templates.
 * Schemas stay as the spec wrote them (with `$ref`s) so the type renderer can name them.
 */

/**
 * The keywords of an OpenAPI 3.0 schema that the generator reads, as load/schemaShape.ts checks
 * them where a document enters. The objects keep every other keyword the spec wrote (examples,
 * `x-` extensions), which the type renderer (render/schemaTypes.ts) and the schemas module pass on.
 */
export type Schema = {
  $ref?: string;
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  format?: string;
  pattern?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  enum?: unknown[];
  items?: Schema;
  /** OpenAPI 3.1's tuple: kept only where it is exact (load/openapi31.ts prefixItems). */
  prefixItems?: Schema[];
  minimum?: number;
  maximum?: number;
  /** Whether `minimum` itself is outside the range (3.0's flag; a 3.1 bound is read into this form). */
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
};

export type OperationKind = "create" | "fetch" | "update" | "patch" | "remove" | "page";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ParameterLocation = "path" | "query" | "header" | "form";
/** How a request may authenticate: HTTP Basic (account SID or API key), an OAuth 2 bearer token, or not at all. */
export type AuthScheme = "basic" | "bearer" | "none";

export interface ParameterModel {
  /** The name on the wire: `PageSize`, `StartTime<`, `If-Match` (the plan names its option: plan/names.ts). */
  wireName: string;
  /** Where the spec declares it (a parameter, or a form field of the request body): a naming error's place. */
  declaredAt: Pointer;
  location: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated: boolean;
  schema: Schema;
  /** The formats the runtime writes specially (its `ParamFormat`): `date`, `prefixed-collapsible-map-AddOns`. */
  wireFormat?: string;
}

export interface JsonBodyModel {
  contentType: string;
  required: boolean;
  schema: Schema;
}

export interface ResponseModel {
  status: number;
  /** The media types the response declares, in spec order: `application/json`, `application/scim+json`. */
  contentTypes: string[];
  schema?: Schema;
  /** The header name as the spec spells it (`ETag` or `Etag`) when the response declares one. */
  etagHeader?: string;
}

export type Pagination =
  | { style: "url" | "uri" | "single"; itemsKey: string }
  | { style: "token"; itemsKey: string; tokenParam: string; nextTokenField: string; previousTokenField?: string };

export interface OperationModel {
  operationId: string;
  kind: OperationKind;
  method: HttpMethod;
  /** The full spec path, e.g. `/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}`. */
  path: string;
  description?: string;
  deprecated: boolean;
  pathParameters: ParameterModel[];
  /** Query, header and form parameters: the operation's options. */
  options: ParameterModel[];
  jsonBody?: JsonBodyModel;
  /** The `If-Match` header parameter, when the spec declares one. */
  ifMatch?: ParameterModel;
  /** The schemes the operation accepts, the spec's alternatives in order (its own `security`, else the spec's). */
  security: AuthScheme[];
  /** Every media type the responses declare, the success response's first: what to `Accept`. */
  responseTypes: string[];
  /** The first 2xx response: what the operation returns. */
  success: ResponseModel;
  /** Every response that declares an ETag header. */
  etagResponses: ResponseModel[];
  pagination?: Pagination;
  /** The Twilio host label the operation is served from: `sync`, `flex-api`. */
  host: string;
}

export interface PropertyModel {
  /** The field as the spec names it: `date_created` (the plan names its getter: plan/names.ts). */
  wireName: string;
  description?: string;
  /** A `date`, `date-time` or `date-time-rfc-2822` string: read as a `Date`. */
  date: boolean;
  /** `type: integer` but `int64`: read as twilio-node reads it (`parseInt`), so `"12"` becomes 12. */
  integer: boolean;
  /** An object with declared properties, or a list of them: read with those properties renamed (plan/names.ts). */
  nested: NestedFields | undefined;
}

/** The declared properties of an object field (`list`: of each item of a list field). */
export interface NestedFields {
  list: boolean;
  /** The declared properties as the spec names them. */
  wireNames: string[];
}

/**
 * The x-twilio names the spec gives a resource, as it spells them; each absent where the spec gives
 * none (or not a string). Operations of one collection with equal hints are one resource.
 */
export interface ResourceHints {
  /** An operation's own `mountName` (`new_keys`): the operation is a resource of its own. */
  operationMount?: string;
  /** The path's `className` (`task_reservation`). */
  className?: string;
  /** The path's `mountName` (`reservations_of_task`). */
  mountName?: string;
  /**
   * Twilio-oai 1.x's shared path (model/resourcePaths.ts `resourceHints`): these operations are the
   * resource that `className` names, beside the path's own, whose operations carry no hints.
   */
  sharedPath?: true;
}

/**
 * A resource: the collection and instance paths that the spec names alike (`hints`), with the operations on each.
 * A keyed resource is called with its key (`tasks("WT..")`) to reach the instance operations; an
 * unkeyed one (a singleton such as `sims("DE..").usage`, or a namespace made for a path prefix
 * that no spec path declares) holds all its operations and children on the list side.
 */
export interface ResourceNode {
  /** The collection's path segments below the version: `["Workspaces", "{WorkspaceSid}", "Tasks"]`. */
  segments: string[];
  /** Normalised path below the version, parameters as `{}`: with `hints`, the node's identity. */
  identity: string;
  /** What the spec says names the resource; the plan names it from these and `segments` (plan/resourceNames.ts). */
  hints: ResourceHints;
  /** The trailing parameter of the instance path (`Sid`); absent for unkeyed resources. */
  keyParameter?: string;
  /**
   * The schema the spec declares for the key parameter, `$ref` resolved: the first instance
   * operation's that declares it, else (a namespace) a child path's. `type: integer` for Sync List
   * Item's `Index`; absent where no operation declares the key.
   */
  keySchema?: Schema;
  /** The resource property that holds the key (`sid`), when the resource shape has it. */
  keyProperty?: string;
  /** Path parameter names of the collection, and of the instance path (key last), in path order. */
  listParameters: string[];
  instanceParameters: string[];
  listOperations: OperationModel[];
  instanceOperations: OperationModel[];
  /** The shape of one resource, from the operations' responses. */
  resourceSchema?: Schema;
  properties: PropertyModel[];
  /** Children mounted on the list (`calls.feedbackSummaries`) and on the instance (`tasks(sid).reservations`). */
  listChildren: ResourceNode[];
  instanceChildren: ResourceNode[];
}

export interface VersionModel {
  /** The version as the spec's paths spell it (`v1`, `2010-04-01`), else as its file name does (`v2010`). */
  name: string;
  resources: ResourceNode[];
}

export interface SpecModel {
  file: string;
  name: string;
  /** Twilio host label: `sync`, `flex-api`. */
  host: string;
  apiStandards?: string;
  versions: VersionModel[];
  operationCount: number;
  /** `components.schemas`, for the spec's types module. */
  componentSchemas: Record<string, Schema>;
  /** Problems that did not stop the run but change what is generated, for the run's summary. */
  warnings: Diagnostic[];
}
