import type { SpecReport } from "./concurrencySurface.js";
/** What the plan decides internally on its way to the views (views.ts), which are all it gives. */
import type { OperationModel, ParameterModel, PropertyModel, ResourceNode, Schema, SpecModel } from "../model/types.js";
import type { ChildMount, ImportPlan, ParameterMapping, PlannedFile } from "./views.js";

export interface SdkPlan {
  files: PlannedFile[];
  /** The specs' concurrency surface and counts, which the README and CONCURRENCY.md views show. */
  report: SpecReport;
}

export interface OperationPlan {
  operation: OperationModel;
  /** The module constant that describes the operation: `fetchTask`. */
  constName: string;
  /** Path parameters supplied by the class; the others are required options. */
  classParameters: ParameterMapping[];
  /** The option property of each path parameter and option: `pageSize`, `startTimeBefore`, `ifMatch`. */
  optionNames: ReadonlyMap<ParameterModel, string>;
  optionsType: string;
  returnsInstance: boolean;
}

export interface ResourcePlan {
  node: NamedResource;
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

export interface DomainPlan {
  className: string;
  property: string;
  host: string;
  modulePath: string;
  runtimeImport: string;
  /** The runtime's public exports (runtime/public.ts), which the domain module re-exports as a package entry. */
  publicRuntimeImport: string;
  /** The SDK's host labels (hosts.ts), from the domain module. */
  hostsImport: string;
  versions: { property: string; className: string; modulePath: string }[];
}

/** A service (domain) as its own package entry: `<name>/taskrouter` is the domain module `taskrouter/index.ts`. */
export interface ServicePlan {
  /** The package subpath without `./`, which is the domain's folder: `taskrouter`, `flex_api`. */
  subpath: string;
  domain: DomainPlan;
}

/** A resource as the SDK declares and mounts it: the model's node with its class and mount names. */
export interface NamedResource extends ResourceNode {
  /** `Task`, `TaskReservation`; `MountedResource` where `MountedList` would be a runtime type. */
  className: string;
  /** The member its parent mounts it under: `tasks`, `stepContext` beside Studio's `context` field. */
  mountName: string;
  listChildren: NamedResource[];
  instanceChildren: NamedResource[];
}

/** A version as the SDK mounts it on its domain, its resources named; `specOf` gives each one's spec file. */
export interface NamedVersion {
  /** The property on the domain: `v1`, `v2010`, `hostedNumbers`; `clientVersion` where the domain declares it. */
  property: string;
  resources: NamedResource[];
  specOf: ReadonlyMap<NamedResource, SpecModel>;
}
