import type { OperationModel, PropertyModel, ResourceNode, Schema, SpecModel } from "../model/types.js";
import type { SdkPackage } from "./sdkPackage.js";

/** The plan: every output file with its path, the template that renders it and the names it uses. */
export type PlannedFile =
  | { path: string; kind: "copy"; source: string }
  | { path: string; kind: "schemas"; spec: SpecModel }
  | { path: string; kind: "resource"; resource: ResourcePlan }
  | { path: string; kind: "version"; version: VersionPlan }
  | { path: string; kind: "domain"; domain: DomainPlan; sdk: SdkIdentity }
  | { path: string; kind: "client"; domains: DomainPlan[]; defaultAccount?: DefaultAccountPlan; sdk: SdkIdentity }
  | { path: string; kind: "concurrency"; specs: SpecModel[] }
  | { path: string; kind: "package"; sdkPackage: SdkPackage; services: ServicePlan[] }
  | { path: string; kind: "readme"; sdkPackage: SdkPackage; services: ServicePlan[]; specs: SpecModel[] };

/** The package's name and version, which its clients send in the User-Agent. */
export interface SdkIdentity {
  name: string;
  version: string;
}

export interface SdkPlan {
  files: PlannedFile[];
}

/** `{ WorkspaceSid: <params>.Sid }`: one path parameter (`name`) and the parameter (`from`) that supplies it. */
export interface ParameterMapping {
  name: string;
  from: string;
}

export interface ChildMount {
  mountName: string;
  keyed: boolean;
  listClass: string;
  contextClass: string;
  mapping: ParameterMapping[];
}

export interface OperationPlan {
  operation: OperationModel;
  /** The module constant that describes the operation: `fetchTask`. */
  constName: string;
  /** Path parameters supplied by the class; the others are required options. */
  classParameters: ParameterMapping[];
  optionsType: string;
  returnsInstance: boolean;
}

export interface ImportPlan {
  from: string;
  names: string[];
}

export interface ResourcePlan {
  node: ResourceNode;
  spec: SpecModel;
  className: string;
  runtimeImport: string;
  schemasImport: string;
  imports: ImportPlan[];
  resourceSchema?: Schema;
  listParameters: string[];
  contextParameters: string[];
  listOperations: OperationPlan[];
  contextOperations: OperationPlan[];
  listChildren: ChildMount[];
  contextChildren: ChildMount[];
  properties: (PropertyModel & { member: string })[];
  /** How an instance reaches its context: list parameters plus its own key property. */
  instanceContext?: { mapping: ParameterMapping[]; keyProperty: string };
}

export interface VersionPlan {
  className: string;
  domainClassName: string;
  property: string;
  runtimeImport: string;
  imports: ImportPlan[];
  roots: ChildMount[];
  /** The context class of the keyed `accounts` root, which `account` opens for the client's own account. */
  accountContext?: string;
}

/**
 * The version with an `account` (api v2010) and the resources of that account the root client
 * reaches directly, as twilio-node does: `twilio.messages` is `twilio.api.v2010.account.messages`.
 */
export interface DefaultAccountPlan {
  /** `api.v2010`: the domain and version properties leading to `account`. */
  route: string;
  /** The module of the account's context class, from the root. */
  modulePath: string;
  contextClass: string;
  /** The account's children, but those whose name the root client already uses (a domain). */
  shortcuts: string[];
}

export interface DomainPlan {
  className: string;
  property: string;
  host: string;
  modulePath: string;
  runtimeImport: string;
  /** The runtime's public exports (runtime/public.ts), which the domain module re-exports as a package entry. */
  publicRuntimeImport: string;
  versions: { property: string; className: string; modulePath: string }[];
}

/** A service (domain) as its own package entry: `<name>/taskrouter` is the domain module `taskrouter/index.ts`. */
export interface ServicePlan {
  /** The package subpath without `./`, which is the domain's folder: `taskrouter`, `flex_api`. */
  subpath: string;
  domain: DomainPlan;
}
