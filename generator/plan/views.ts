/**
 * The views: per output file, exactly what its template renders, decided by the plan. A view is
 * all the render stage reads (besides the templates and the runtime files, which the generator
 * fingerprint covers), so the hash of a view is the cache key of the file it renders. Every field
 * a template reads is present, `undefined` where there is nothing to show: templates are compiled
 * in strict mode, and a field a view lacks is an error (render/templates.ts).
 */
import type { AuthScheme, Schema } from "../model/types.js";

/**
 * A TypeScript type the renderer writes: text the plan already knows (`Date | string`), or a
 * schema that the renderer turns into its type (render/schemaTypes.ts), laid out to sit at `indent` columns.
 */
export type TypeSource = { text: string } | { schema: Schema; path: string; indent: number };

/** One name an import brings in: `name`, `type name`, or `name as alias`. */
export interface ImportedName {
  name: string;
  alias: string | undefined;
  typeOnly: boolean;
}

/** `import { names } from "from"`; `import type { ... }` where the whole import is type-only. */
export interface ImportPlan {
  from: string;
  names: ImportedName[];
  typeOnly: boolean;
}

/** `{ WorkspaceSid: <params>.Sid }`: one path parameter (`name`) and the parameter (`from`) that supplies it. */
export interface ParameterMapping {
  name: string;
  from: string;
}

/** A child resource reached through a getter: `workspaces(sid).tasks`. */
export interface ChildMount {
  mountName: string;
  keyed: boolean;
  /** The spec declares the key an integer: the mount takes a number too (runtime KeyRule `integer`). */
  integerKey: boolean;
  listClass: string;
  contextClass: string;
  mapping: ParameterMapping[];
}

/**
 * Where a path parameter's value comes from in emitted code: a parameter of the class
 * (`this.params`), of the list an instance came from (`this.listParams`), the key passed to
 * `get(key)` (as text by its runtime KeyRule), or a field of the instance (`this.keyField("sid")`).
 */
export type ValueSource =
  { params: string } | { listParams: string } | { key: "text" | "integer" } | { keyField: string };

export interface ValueMapping {
  name: string;
  source: ValueSource;
}

/** The package's name and version, which its clients send in the User-Agent. */
export interface SdkIdentity {
  name: string;
  version: string;
}

/** The options interface of one method. */
export interface OptionTypeView<Type = TypeSource> {
  name: string;
  method: string;
  fields: { doc: string | undefined; property: string; required: boolean; type: Type }[];
}

/** The `Operation` constant of one operation: its request shape as data. */
export interface OperationConstView {
  constName: string;
  method: string;
  host: string;
  path: string;
  records: { label: string; entries: { name: string; value: string }[] }[];
  json: string | undefined;
  /** Only what differs from the runtime's default (Basic auth). */
  auth: AuthScheme[] | undefined;
  /** Only what differs from the runtime's default (`application/json`). */
  accept: string | undefined;
  /** The spec's success answer is a 3xx whose JSON body is the result (`{ redirect_to }`). */
  redirectIsResult: boolean;
}

export type ReturnKind = "page" | "instance" | "removal" | "response";

/** One method of a list or context class (or its instance's delegate). */
export interface MethodView<Source = ValueSource> {
  doc: string;
  name: string;
  className: string;
  constName: string;
  optionsType: string;
  optionsOptional: boolean;
  returnType: string;
  returns: ReturnKind;
  /** The list parameters an instance made by a context method gets, when there are any. */
  instanceParams: { name: string; source: Source }[] | undefined;
  ifMatch: boolean;
}

/** The `mutate` helper of a context, and of its instances. */
export interface MutationView {
  write: string;
  typeName: string;
  writeOptions: string;
  className: string;
}

export interface PropertyView {
  wireName: string;
  member: string;
  description: string | undefined;
  date: boolean;
  integer: boolean;
  /** An object field (a list of them: `list`), read with its keys renamed: `{ name: "basePrice", wireName: "base_price" }`. */
  nested: { list: boolean; keys: { name: string; wireName: string }[] } | undefined;
  /** The runtime type that gives the field's type from its schema type, where it is read into another. */
  readType: "ParsedDate" | "ReadObject" | "ReadObjects" | undefined;
}

/** What a class that pages inherits: its page() options type and the class name of its instances. */
export interface PagingView {
  optionsType: string;
  className: string;
}

/** An instance's delegated context members: methods (mutate() included), then sub-resource getters. */
export interface DelegatedMembers {
  methods: string[];
  getters: string[];
  all: string[];
}

/** A resource module: its option types, operation constants, list, context, instance and page classes. */
export interface ResourceView<Type = TypeSource, Source = ValueSource> {
  /** The spec file the module comes from, named in its header. */
  source: string;
  className: string;
  /** The runtime's, the spec's schemas module's where a type refers to `components`, then the children's. */
  imports: ImportPlan[];
  resourceType: Type | undefined;
  listDoc: string;
  optionTypes: OptionTypeView<Type>[];
  operations: OperationConstView[];
  listParams: string[];
  contextParams: string[];
  get: { name: string; source: Source }[] | undefined;
  /** The spec declares the key an integer: `get()` takes a number too (runtime `IntegerKey`). */
  integerKey: boolean;
  listOperations: MethodView<Source>[];
  listChildren: ChildMount[];
  /** The paging the list class inherits (runtime PagedList: list() and each()), when it has a page(). */
  listPaging: PagingView | undefined;
  context:
    | {
        operations: MethodView<Source>[];
        paging: PagingView | undefined;
        children: ChildMount[];
        mutation: MutationView | undefined;
      }
    | undefined;
  properties: PropertyView[];
  /** Whether the instance class declares anything (getters, its context); `{}` otherwise. */
  instanceMembers: boolean;
  instanceContext:
    | {
        doc: string;
        mapping: { name: string; source: Source }[];
        /** The context's members the instance sends through it (runtime delegateToContext). */
        delegated: DelegatedMembers | undefined;
      }
    | undefined;
  page: boolean;
  /** The component schemas the types above reach through `$ref`s, directly or not. */
  components: Record<string, Schema>;
}

/** A spec's schemas module: its `components` interface, and the named types some of its members are. */
export interface SchemasView {
  source: string;
  doc: string;
  components: Record<string, Schema>;
  /** The schemas that contain themselves through an array, which `components` names by these types. */
  recursiveTypes: RecursiveTypeView[];
}

/** A component schema written as a type of its own: `export type <name> = ...`. */
export interface RecursiveTypeView {
  /** The schema's name under `components.schemas`. */
  schema: string;
  name: string;
  doc: string;
}

export interface VersionView {
  className: string;
  domainClassName: string;
  property: string;
  imports: ImportPlan[];
  roots: ChildMount[];
  /** The context class of the keyed `accounts` root, which `account` opens for the client's own account. */
  accountContext: string | undefined;
}

export interface DomainView {
  className: string;
  property: string;
  host: string;
  doc: string;
  runtimeImport: string;
  /** The runtime's public list (runtime/public.ts), which the service entry re-exports. */
  publicRuntimeImport: string;
  /** The SDK's host labels (hosts.ts): every client checks `baseUrls` against all of them. */
  hostsImport: string;
  versions: { property: string; className: string; modulePath: string }[];
  sdk: SdkIdentity;
}

/**
 * The version with an `account` (api v2010) and the resources of that account the root client
 * reaches directly, as twilio-node does: `twilio.messages` is `twilio.api.v2010.account.messages`.
 */
export interface DefaultAccountView {
  /** `api.v2010`: the domain and version properties leading to `account`. */
  route: string;
  /** The module of the account's context class, from the root. */
  modulePath: string;
  contextClass: string;
  /** The account's children, but those whose name the root client already uses (a domain). */
  shortcuts: string[];
}

/** The SDK's host labels, one module that the root and every service client share. */
export interface HostsView {
  hosts: string[];
}

export interface ClientView {
  domains: { className: string; property: string; modulePath: string }[];
  defaultAccount: DefaultAccountView | undefined;
  sdk: SdkIdentity;
}

/** The concurrency page: per spec, the operations that take `ifMatch` and the responses that carry an ETag. */
export interface ConcurrencyView {
  counts: { ifMatch: number; etag: number; specs: number };
  specs: {
    file: string;
    ifMatch: { call: string; operationId: string; request: string }[];
    etag: { call: string; operationId: string; status: number; header: string }[];
  }[];
  without: string[];
}

export interface PackageView {
  name: string;
  version: string;
  description: string;
  typescript: string;
  esbuild: string;
  /** The `build` script: .d.ts from tsc, then every entry bundled by esbuild around shared chunks. */
  buildScript: string;
  services: { key: string; types: string; js: string }[];
}

export interface ReadmeView {
  name: string;
  version: string;
  /** The file `npm pack` makes of the SDK: `<name, @ dropped and / as ->-<version>.tgz`. */
  tarball: string;
  generatorVersion: string;
  source: string;
  counts: { specs: number; operations: number };
  example: { className: string; property: string; subpath: string; context: string } | undefined;
  /** The services table, cell by cell (the renderer lays it out). */
  services: { header: string[]; rows: string[][] };
}

/** One operation of a resource in the double's data (runtime/testing/data.ts OperationData); undefined: the usual. */
export interface DoubleOperationView {
  kind: string;
  method: string | undefined;
  status: number | undefined;
  ifMatch: boolean;
  etag: string | undefined;
  params: string | undefined;
  paging: string | undefined;
  simulated: string | undefined;
  /** Everything as usual: written `{}`. */
  empty: boolean;
  /** Whether `simulated` is written, even empty (an answer of no fields). */
  hasSimulated: boolean;
}

/** One resource in the double's data (runtime/testing/data.ts ResourceData). */
export interface DoubleResourceView {
  host: string;
  list: string | undefined;
  instance: string | undefined;
  key: string | undefined;
  prefix: string | undefined;
  fields: string;
  links: string | undefined;
  listOperations: DoubleOperationView[];
  instanceOperations: DoubleOperationView[];
}

/** A service's resources as the double serves them: `testing/<service>.ts`. */
export interface DoubleDataView {
  domain: string;
  dataImport: string;
  resources: DoubleResourceView[];
}

/** The `testing` entry: the engine's import and every service's data. */
export interface DoubleView {
  engineImport: string;
  services: { name: string; from: string }[];
}

/** The plan: every output file with its path and the view its template renders. */
export type PlannedFile =
  | { path: string; kind: "copy"; source: string }
  | { path: string; kind: "schemas"; view: SchemasView }
  | { path: string; kind: "resource"; view: ResourceView }
  | { path: string; kind: "version"; view: VersionView }
  | { path: string; kind: "domain"; view: DomainView }
  | { path: string; kind: "client"; view: ClientView }
  | { path: string; kind: "hosts"; view: HostsView }
  | { path: string; kind: "concurrency"; view: ConcurrencyView }
  | { path: string; kind: "package"; view: PackageView }
  | { path: string; kind: "readme"; view: ReadmeView }
  | { path: string; kind: "doubleData"; view: DoubleDataView }
  | { path: string; kind: "double"; view: DoubleView }
  | { path: string; kind: "doubleCli"; view: Pick<DoubleView, "engineImport"> };
