import type { ChangeReport } from "../changeReport/changeReport.js";
import { countSeverities } from "../changeReport/severity.js";
import { SDK_SECTIONS, type SdkChange, type SdkChangeKind, type SdkDiffReport, type SdkSection } from "./sdkChanges.js";

const HEADINGS: Record<SdkSection, string> = {
  concurrency: "Concurrency: `ifMatch` and `mutate()`",
  entryPoints: "Entry points and exports",
  classes: "Classes and types",
  methods: "Methods",
  fields: "Fields",
  options: "Options",
};

const LABELS: Record<SdkChangeKind, string> = {
  "if-match-lost": "`ifMatch` lost",
  "if-match-gained": "`ifMatch` gained",
  "mutate-lost": "`mutate()` lost",
  "mutate-gained": "`mutate()` gained",
  "entry-point-removed": "entry point removed",
  "entry-point-added": "entry point added",
  "export-removed": "export removed",
  "export-added": "export added",
  "class-removed": "class removed",
  "class-renamed": "class renamed",
  "type-renamed": "type renamed",
  "class-added": "class added",
  "method-removed": "method removed",
  "method-parameters-changed": "parameters changed",
  "method-return-changed": "return type changed",
  "method-added": "method added",
  "method-parameter-added": "optional parameter added",
  "method-return-narrowed": "return type narrowed",
  "method-return-extended": "optional properties added to the return type",
  "field-removed": "field removed",
  "field-type-changed": "field type changed",
  "field-added": "field added",
  "field-type-narrowed": "field type narrowed",
  "field-type-extended": "optional properties added to the field's type",
  "option-removed": "option removed",
  "option-added-required": "required option added",
  "option-now-required": "option now required",
  "option-type-narrowed": "option type narrowed",
  "option-type-changed": "option type changed",
  "option-added": "option added",
  "option-now-optional": "option now optional",
  "option-type-widened": "option type widened",
  "option-type-extended": "optional properties added to the option's type",
};

/** The SDK report in the change-report core's terms: a group per section, breaking listed, additive folded. */
export function sdkChangeReport(report: SdkDiffReport, labels: { from: string; to: string }): ChangeReport {
  const inSection = (section: SdkSection) => report.changes.filter((change) => change.section === section);
  const line = (change: SdkChange) =>
    `\`${change.subject}\`: ${LABELS[change.kind]}${change.detail === undefined ? "" : `, ${change.detail}`}`;
  return {
    title: "SDK API change report",
    lead: [`From \`${labels.from}\` to \`${labels.to}\`.`],
    breaking: report.breaking,
    additive: report.additive,
    warnings: [],
    sections: SDK_SECTIONS.map((section) => ({ title: HEADINGS[section], ...countSeverities(inSection(section)) })),
    notes: [],
    groups: SDK_SECTIONS.filter((section) => inSection(section).length > 0).map((section) => ({
      heading: HEADINGS[section],
      counts: countSeverities(inSection(section)),
      intro: [],
      breaking: inSection(section)
        .filter((change) => change.severity === "breaking")
        .map(line),
      additive: inSection(section)
        .filter((change) => change.severity === "additive")
        .map(line),
    })),
  };
}
