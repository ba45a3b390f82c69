import type { ChangeGroup, ChangeReport } from "../changeReport/changeReport.js";
import { renderSummary } from "../changeReport/renderChangeReport.js";
import { countSeverities } from "../changeReport/severity.js";
import { markdownTable } from "../util/markdownTable.js";
import { namedTogether, namesText, plural } from "./changeText.js";
import type { ReportedChange, SpecDiffReport } from "./diffReport.js";

/** The report as Markdown for a pull request or a CI job summary, within a job summary's limits. */
export function renderMarkdown(report: SpecDiffReport): string {
  return renderSummary(specChangeReport(report));
}

/** The spec-change report in the change-report core's terms: counts first, then concurrency, then per service. */
export function specChangeReport(report: SpecDiffReport): ChangeReport {
  const facts = (side: string, set: SpecDiffReport["from"]) =>
    [side, set.specs, set.operations, set.ifMatchOperations, set.etagOperations].map(String);
  const numbers = ["left", "right", "right", "right", "right"] as const;
  return {
    title: "SDK change report",
    lead: [
      `From \`${report.from.label}\` to \`${report.to.label}\`.`,
      markdownTable(
        ["", "spec files", "operations", "with `If-Match`", "with `ETag`"],
        [facts("before", report.from), facts("after", report.to)],
        numbers,
      ),
    ],
    breaking: report.breaking,
    additive: report.additive,
    warnings: ifMatchLoss(report),
    sections: report.sections,
    notes: [specFilesLine("added", report.specFiles.added), specFilesLine("removed", report.specFiles.removed)].filter(
      (line): line is string => line !== undefined,
    ),
    groups: [...concurrencyGroup(report), ...report.services.map(serviceGroup)],
  };
}

/** The line under the totals when operations lost `If-Match`: the loss that must not slip through. */
function ifMatchLoss(report: SpecDiffReport): string[] {
  const losing = report.concurrencyBySpec.filter((counts) => counts.ifMatchLost > 0);
  if (losing.length === 0) return [];
  const operations = plural(
    losing.reduce((sum, counts) => sum + counts.ifMatchLost, 0),
    "operation",
  );
  const specs = losing.map((counts) => `\`${counts.spec}\``).join(", ");
  return [
    `**\`If-Match\` lost on ${operations}** in ${specs}: no longer conditional, the last write\n` +
      "wins. See [Optimistic concurrency](#optimistic-concurrency).",
  ];
}

function specFilesLine(direction: string, files: SpecDiffReport["specFiles"]["added"]): string | undefined {
  if (files.length === 0) return undefined;
  const size = (operations: number) => (operations === 0 ? "no operations" : plural(operations, "operation"));
  return `Spec files ${direction}: ${files.map((spec) => `\`${spec.file}\` (${size(spec.operations)})`).join(", ")}.`;
}

function concurrencyGroup(report: SpecDiffReport): ChangeGroup[] {
  if (report.concurrency.length === 0) return [];
  const line = (change: ReportedChange) => {
    const operation = change.operation!;
    return `${change.message}: \`${change.subject}\` (\`${operation.operationId}\` \`${operation.method} ${operation.path}\`)`;
  };
  const rows = report.concurrencyBySpec.map((counts) =>
    [`\`${counts.spec}\``, counts.ifMatchLost, counts.etagLost, counts.ifMatchGained, counts.etagGained].map(String),
  );
  return [
    {
      heading: "Optimistic concurrency",
      counts: countSeverities(report.concurrency),
      intro: [
        "An operation that loses `If-Match` no longer takes `ifMatch`: callers that pass it stop compiling, and once they\n" +
          "drop it a concurrent change is silently overwritten (last write wins). An operation that loses `ETag` returns\n" +
          "instances without an `etag` to pass.",
        markdownTable(["spec", "`If-Match` lost", "`ETag` lost", "`If-Match` gained", "`ETag` gained"], rows, [
          "left",
          "right",
          "right",
          "right",
          "right",
        ]),
      ],
      breaking: report.concurrency.filter((change) => change.severity === "breaking").map(line),
      additive: report.concurrency.filter((change) => change.severity === "additive").map(line),
    },
  ];
}

function serviceGroup(service: SpecDiffReport["services"][number]): ChangeGroup {
  return {
    heading: `\`${service.service}\` (${service.specs.join(", ")})`,
    counts: { breaking: service.breaking.length, additive: service.additive.length },
    intro: [],
    breaking: listLines(service.breaking),
    additive: listLines(service.additive),
    elsewhere:
      service.concurrency > 0
        ? `${plural(service.concurrency, "`If-Match` / `ETag` change")} under Optimistic concurrency`
        : undefined,
  };
}

/**
 * List lines, `subject: message`. Parameters or fields of one kind on one subject share a line
 * (`response fields a, b removed`), and a message repeated across subjects (the same parameter
 * changed on every list call of a service) is one line naming them all.
 */
function listLines(changes: readonly ReportedChange[]): string[] {
  const bySubjectAndKind = new Map<string, ReportedChange[]>();
  for (const change of changes) {
    const key = `${change.subject} ${namedTogether(change.kind) ? change.kind : change.message}`;
    bySubjectAndKind.set(key, [...(bySubjectAndKind.get(key) ?? []), change]);
  }
  const subjectsByMessage = new Map<string, string[]>();
  for (const group of bySubjectAndKind.values()) {
    const [first] = group as [ReportedChange];
    const message =
      group.length === 1
        ? first.message
        : namesText(
            first.kind,
            group.map((change) => change.name!),
          );
    subjectsByMessage.set(message, [...(subjectsByMessage.get(message) ?? []), first.subject]);
  }
  return [...subjectsByMessage].map(([message, subjects]) => {
    if (subjects.length === 1) return `\`${subjects[0]}\`: ${message}`;
    const noun = subjects[0]!.endsWith("()") ? "operation" : "resource";
    return `${message}, on ${plural(subjects.length, noun)}: ${subjects.map((subject) => `\`${subject}\``).join(", ")}`;
  });
}
