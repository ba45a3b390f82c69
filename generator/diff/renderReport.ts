import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { PROJECT_ROOT } from "../util/projectRoot.js";
import { namedTogether, namesText, plural } from "./changeText.js";
import type { ReportedChange, SpecDiffReport } from "./diffReport.js";

const TEMPLATE = join(PROJECT_ROOT, "templates", "spec-diff.md.hbs");

export type ReportFormat = "markdown" | "json";

export function renderReport(report: SpecDiffReport, format: ReportFormat): string {
  return format === "json" ? JSON.stringify(report, null, 2) + "\n" : renderMarkdown(report);
}

/** The report as Markdown for a pull request or a CI job summary: counts first, then concurrency, then per service. */
export function renderMarkdown(report: SpecDiffReport): string {
  const handlebars = Handlebars.create();
  handlebars.registerHelper("table", function (this: unknown, options: Handlebars.HelperOptions) {
    return alignTable(options.fn(this));
  });
  const template = handlebars.compile(readFileSync(TEMPLATE, "utf8"), { noEscape: true, strict: true });
  return template({
    ...report,
    total: report.breaking + report.additive,
    ifMatchLost: ifMatchLoss(report),
    specFiles: {
      added: report.specFiles.added.map(withOperations),
      removed: report.specFiles.removed.map(withOperations),
    },
    concurrency: report.concurrency.map((change) => ({ ...change, breaking: change.severity === "breaking" })),
    services: report.services.map((service) => ({
      ...service,
      specs: service.specs.join(", "),
      concurrency: service.concurrency > 0 && plural(service.concurrency, "`If-Match` / `ETag` change"),
      breakingCount: service.breaking.length,
      additiveCount: service.additive.length,
      breaking: listLines(service.breaking),
      additive: listLines(service.additive),
    })),
  });
}

/** How many operations lost `If-Match`, and in which specs, for the line under the totals; null when none did. */
function ifMatchLoss(report: SpecDiffReport): { operations: string; specs: string } | null {
  const losing = report.concurrencyBySpec.filter((counts) => counts.ifMatchLost > 0);
  if (losing.length === 0) return null;
  return {
    operations: plural(
      losing.reduce((sum, counts) => sum + counts.ifMatchLost, 0),
      "operation",
    ),
    specs: losing.map((counts) => `\`${counts.spec}\``).join(", "),
  };
}

function withOperations(spec: { file: string; operations: number }) {
  return { file: spec.file, size: spec.operations === 0 ? "no operations" : plural(spec.operations, "operation") };
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

/**
 * Pads a Markdown table's cells to their column's width (right-aligned where the delimiter row says
 * `---:`), as prettier lays tables out: the report reads well as plain text too.
 */
function alignTable(text: string): string {
  const rows = text
    .trimEnd()
    .split("\n")
    .map((line) => line.slice(2, -2).split(" | "));
  const right = rows[1]!.map((cell) => cell.endsWith(":"));
  const widths = right.map((_, column) =>
    Math.max(3, ...rows.filter((_row, index) => index !== 1).map((row) => [...row[column]!].length)),
  );
  const lines = rows.map((row, index) =>
    row.map((cell, column) => {
      const width = widths[column]!;
      if (index === 1) return right[column] ? `${"-".repeat(width - 1)}:` : "-".repeat(width);
      const padding = " ".repeat(width - [...cell].length);
      return right[column] ? padding + cell : cell + padding;
    }),
  );
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n") + "\n";
}
