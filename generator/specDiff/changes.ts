import type { RuleTable, Severity } from "../changeReport/severity.js";

/**
 * Classified changes between two spec sets: plain data, produced by the comparison and read by the
 * report. A change's kind decides its severity and the report section it belongs to.
 */

/** The report's sections, in report order. */
export const SECTIONS = [
  "concurrency",
  "services",
  "versions",
  "resources",
  "operations",
  "parameters",
  "responseFields",
] as const;

export type Section = (typeof SECTIONS)[number];

export type ChangeKind = keyof typeof RULES;

/** Severity and section of every kind of change: the whole classification in one table. */
const RULES = {
  "if-match-lost": { severity: "breaking", section: "concurrency" },
  "if-match-gained": { severity: "additive", section: "concurrency" },
  "etag-lost": { severity: "breaking", section: "concurrency" },
  "etag-gained": { severity: "additive", section: "concurrency" },
  "service-removed": { severity: "breaking", section: "services" },
  "service-added": { severity: "additive", section: "services" },
  "version-removed": { severity: "breaking", section: "versions" },
  "version-added": { severity: "additive", section: "versions" },
  "resource-removed": { severity: "breaking", section: "resources" },
  "resource-renamed": { severity: "breaking", section: "resources" },
  "resource-added": { severity: "additive", section: "resources" },
  "operation-removed": { severity: "breaking", section: "operations" },
  "operation-added": { severity: "additive", section: "operations" },
  "parameter-removed": { severity: "breaking", section: "parameters" },
  "parameter-added-required": { severity: "breaking", section: "parameters" },
  "parameter-now-required": { severity: "breaking", section: "parameters" },
  "parameter-type-changed": { severity: "breaking", section: "parameters" },
  "enum-values-removed": { severity: "breaking", section: "parameters" },
  "parameter-added": { severity: "additive", section: "parameters" },
  "parameter-now-optional": { severity: "additive", section: "parameters" },
  "parameter-type-widened": { severity: "additive", section: "parameters" },
  "enum-values-added": { severity: "additive", section: "parameters" },
  "parameter-format-changed": { severity: "additive", section: "parameters" },
  "field-removed": { severity: "breaking", section: "responseFields" },
  "field-type-changed": { severity: "breaking", section: "responseFields" },
  "field-added": { severity: "additive", section: "responseFields" },
  "field-type-refined": { severity: "additive", section: "responseFields" },
} as const satisfies RuleTable<Section>;

/** Every kind in report order: within a subject, changes are listed in this order. */
export const CHANGE_KINDS = Object.keys(RULES) as ChangeKind[];

export function sectionOf(kind: ChangeKind): Section {
  return RULES[kind].section;
}

/** The operation a change is about, as the spec names it. */
export interface OperationRef {
  operationId: string;
  method: string;
  path: string;
}

export interface Change {
  kind: ChangeKind;
  severity: Severity;
  /** The SDK domain: `preview`, `flexApi`. */
  service: string;
  /** The spec file that defines the subject (the newer one when both do): `twilio_preview.yaml`. */
  spec: string;
  /**
   * What changed, as SDK code: a domain `preview`, a version `preview.sync`, a resource
   * `sync.v1.services(ServiceSid).documents` or an operation `sync.v1.services(ServiceSid).documents(Sid).update()`.
   */
  subject: string;
  operation?: OperationRef;
  /** The parameter, body field or response field, when the change is about one. */
  name?: string;
  /** Old and new value: a type; a renamed resource's SDK expression. */
  before?: string;
  after?: string;
  /**
   * Enum values removed or added; what a rename changed (class, path); the operations of an added or
   * removed resource; the versions of an added or removed service; ETag response statuses.
   */
  values?: string[];
  /** What an added or removed service or version holds. */
  size?: { resources: number; operations: number };
  /** Why a concurrency change happened when the operation itself came or went: `version removed`. */
  cause?: string;
}

/** A change with its severity filled in from the table. */
export function change(fields: Omit<Change, "severity">): Change {
  return { ...fields, severity: RULES[fields.kind].severity };
}
