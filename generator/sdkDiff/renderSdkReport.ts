import { SDK_SECTIONS, type SdkChangeKind, type SdkDiffReport, type SdkSection } from "./sdkChanges.js";

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
  "field-removed": "field removed",
  "field-type-changed": "field type changed",
  "field-added": "field added",
  "field-type-narrowed": "field type narrowed",
  "option-removed": "option removed",
  "option-added-required": "required option added",
  "option-now-required": "option now required",
  "option-type-narrowed": "option type narrowed",
  "option-type-changed": "option type changed",
  "option-added": "option added",
  "option-now-optional": "option now optional",
  "option-type-widened": "option type widened",
};

/** The report in Markdown (a table per section, breaking first) or JSON (the same data). */
export function renderSdkReport(report: SdkDiffReport, format: "markdown" | "json"): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  const lines = [
    "# SDK API change report",
    "",
    `**${report.breaking} breaking, ${report.additive} additive changes.**`,
  ];
  for (const section of SDK_SECTIONS) {
    const changes = report.changes
      .filter((change) => change.section === section)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "breaking" ? -1 : 1));
    if (changes.length === 0) continue;
    lines.push(
      "",
      `## ${HEADINGS[section]}`,
      "",
      "| severity | change | subject | detail |",
      "| --- | --- | --- | --- |",
    );
    for (const change of changes) {
      const cells = [change.severity, LABELS[change.kind], `\`${change.subject}\``, change.detail ?? ""];
      lines.push(`| ${cells.map(tableCell).join(" | ")} |`);
    }
  }
  return lines.join("\n") + "\n";
}

/** A Markdown table cell: pipes and line breaks would end the cell or the row. */
function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
