import type { RuleTable, Severity } from "../changeReport/severity.js";

/**
 * Classified changes between two SDK trees' public APIs: plain data, produced by the comparison
 * and read by the report. As in the spec diff, a change's kind decides its severity and section.
 */

export const SDK_SECTIONS = ["concurrency", "entryPoints", "classes", "methods", "fields", "options"] as const;
export type SdkSection = (typeof SDK_SECTIONS)[number];

/** Severity and section of every kind of change: the whole classification in one table. */
const SDK_RULES = {
  "if-match-lost": { severity: "breaking", section: "concurrency" },
  "if-match-gained": { severity: "additive", section: "concurrency" },
  "mutate-lost": { severity: "breaking", section: "concurrency" },
  "mutate-gained": { severity: "additive", section: "concurrency" },
  "entry-point-removed": { severity: "breaking", section: "entryPoints" },
  "entry-point-added": { severity: "additive", section: "entryPoints" },
  "export-removed": { severity: "breaking", section: "entryPoints" },
  "export-added": { severity: "additive", section: "entryPoints" },
  "class-removed": { severity: "breaking", section: "classes" },
  "class-renamed": { severity: "breaking", section: "classes" },
  "type-renamed": { severity: "breaking", section: "classes" },
  "class-added": { severity: "additive", section: "classes" },
  "method-removed": { severity: "breaking", section: "methods" },
  "method-parameters-changed": { severity: "breaking", section: "methods" },
  "method-return-changed": { severity: "breaking", section: "methods" },
  "method-added": { severity: "additive", section: "methods" },
  "method-parameter-added": { severity: "additive", section: "methods" },
  "method-return-narrowed": { severity: "additive", section: "methods" },
  "method-return-extended": { severity: "additive", section: "methods" },
  "field-removed": { severity: "breaking", section: "fields" },
  "field-type-changed": { severity: "breaking", section: "fields" },
  "field-added": { severity: "additive", section: "fields" },
  "field-type-narrowed": { severity: "additive", section: "fields" },
  "field-type-extended": { severity: "additive", section: "fields" },
  "option-removed": { severity: "breaking", section: "options" },
  "option-added-required": { severity: "breaking", section: "options" },
  "option-now-required": { severity: "breaking", section: "options" },
  "option-type-narrowed": { severity: "breaking", section: "options" },
  "option-type-changed": { severity: "breaking", section: "options" },
  "option-added": { severity: "additive", section: "options" },
  "option-now-optional": { severity: "additive", section: "options" },
  "option-type-widened": { severity: "additive", section: "options" },
  "option-type-extended": { severity: "additive", section: "options" },
} as const satisfies RuleTable<SdkSection>;

export type SdkChangeKind = keyof typeof SDK_RULES;

export interface SdkChange {
  kind: SdkChangeKind;
  severity: Severity;
  section: SdkSection;
  /** What changed, as a user names it: `tasks/v1/workspace/task#TaskContext.mutate()`. */
  subject: string;
  /** Before → after, when there is something to show (types, the new class name). */
  detail?: string;
}

export function sdkChange(kind: SdkChangeKind, subject: string, detail?: string): SdkChange {
  const { severity, section } = SDK_RULES[kind];
  return detail === undefined ? { kind, severity, section, subject } : { kind, severity, section, subject, detail };
}

export interface SdkDiffReport {
  breaking: number;
  additive: number;
  changes: SdkChange[];
}
