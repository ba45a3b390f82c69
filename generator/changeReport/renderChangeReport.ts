import { markdownTable } from "../util/markdownTable.js";
import type { ChangeGroup, ChangeReport } from "./changeReport.js";

/**
 * How big a summary may be. GitHub refuses a job's step summary over 1 MiB, and a line of hundreds of
 * thousands of characters (a union of every usage category) neither renders nor reads; a pull
 * request's description holds 65,536 characters.
 */
export interface SummaryLimits {
  bytes: number;
  lineChars: number;
}

/** Half of GitHub's step-summary limit, so that the spec and the SDK report fit one job together. */
export const STEP_SUMMARY: SummaryLimits = { bytes: 512 * 1024, lineChars: 2000 };

/** The whole report, every change listed and every line whole: for a file beside the summary. */
export function renderDetails(report: ChangeReport): string {
  return render(report, { cap: (line) => line, additive: "listed", budget: Infinity });
}

/**
 * The report within `limits`, as the same Markdown as the details: every line cut at
 * `limits.lineChars`; if still too big, additive changes only counted; if still too big, breaking
 * changes listed while they fit. Whatever was cut is said at the end, with where the rest is:
 * `details`, the details file's name, when there is one.
 */
export function renderSummary(
  report: ChangeReport,
  { limits = STEP_SUMMARY, details }: { limits?: SummaryLimits; details?: string } = {},
): string {
  const cap = (line: string) => capLine(line, limits.lineChars);
  const note = (cut: boolean) => (cut ? fullReportNote(details) : undefined);
  const whole = renderDetails(report);
  const capped = render(report, { cap, additive: "listed", budget: Infinity, note: note(false) });
  if (capped === whole && byteLength(whole) <= limits.bytes) return whole;
  const attempts = [
    render(report, { cap, additive: "listed", budget: Infinity, note: note(true) }),
    render(report, { cap, additive: "counted", budget: Infinity, note: note(true) }),
  ];
  const fitting = attempts.find((text) => byteLength(text) <= limits.bytes);
  if (fitting) return fitting;
  const fixed = byteLength(render(report, { cap, additive: "counted", budget: 0, note: note(true) }));
  return render(report, { cap, additive: "counted", budget: limits.bytes - fixed, note: note(true) });
}

interface Shape {
  /** Applied to every line of the output. */
  cap: (line: string) => string;
  /** Additive changes listed (folded), or only counted. */
  additive: "listed" | "counted";
  /** Bytes that the breaking lists may take in all; past them the rest is counted. */
  budget: number;
  note?: string;
}

function render(report: ChangeReport, shape: Shape): string {
  const total = report.breaking + report.additive;
  const blocks = [
    `# ${report.title}`,
    ...report.lead,
    total > 0
      ? `**${count(report.breaking, "breaking")}, ${count(report.additive, "additive")} changes.**`
      : "**No changes.**",
    ...report.warnings,
  ];
  if (total > 0) {
    const rows = report.sections.map((section) => [section.title, `${section.breaking}`, `${section.additive}`]);
    blocks.push(markdownTable(["changes", "breaking", "additive"], rows, ["left", "right", "right"]));
  }
  blocks.push(...report.notes);
  const budget = { left: shape.budget };
  for (const group of report.groups) blocks.push(...groupBlocks(group, shape, budget));
  if (shape.note) blocks.push(shape.note);
  return (
    blocks
      .join("\n\n")
      .split("\n")
      .map((line) => shape.cap(line))
      .join("\n") + "\n"
  );
}

function groupBlocks(group: ChangeGroup, shape: Shape, budget: { left: number }): string[] {
  const { breaking, additive } = group.counts;
  const elsewhere = group.elsewhere ? `; ${group.elsewhere}` : "";
  const blocks = [`## ${group.heading}`, `${count(breaking, "breaking")}, ${count(additive, "additive")}${elsewhere}.`];
  blocks.push(...group.intro);
  if (group.breaking.length > 0) {
    const listed: string[] = [];
    for (const line of group.breaking) {
      const item = `- ${shape.cap(line)}`;
      if (byteLength(item) + 1 > budget.left) break;
      budget.left -= byteLength(item) + 1;
      listed.push(item);
    }
    const rest = group.breaking.length - listed.length;
    if (rest > 0) listed.push(`- … and ${rest} more, not listed here`);
    blocks.push("Breaking:", listed.join("\n"));
  }
  if (group.additive.length > 0) {
    blocks.push(
      shape.additive === "listed"
        ? `<details><summary>Additive: ${additive}</summary>\n\n${group.additive.map((line) => `- ${line}`).join("\n")}\n\n</details>`
        : `Additive: ${additive}, not listed here.`,
    );
  }
  return blocks;
}

function fullReportNote(details: string | undefined): string {
  const where = details ? `in \`${details}\`` : "written by `--details FILE`";
  return `---\n\n_This summary is cut to fit a job summary; the full report is ${where}._`;
}

/** The line cut to `max` characters, an open code span closed, with how much was left out. */
export function capLine(line: string, max: number): string {
  if (line.length <= max) return line;
  const marker = ` … (${line.length} characters in all)`;
  let kept = line.slice(0, Math.max(0, max - marker.length - 1));
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  const ticks = kept.match(/`/g)?.length ?? 0;
  return `${kept}${ticks % 2 === 1 ? "`" : ""}${marker}`;
}

function count(value: number, severity: string): string {
  return `${value} ${severity}`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * What a diff command writes for `--format` and `--details`: the report (the Markdown summary, or
 * the report's data as JSON) and, when a details file is named, the whole report in Markdown.
 */
export function reportTexts(
  report: ChangeReport,
  data: unknown,
  { format, details }: { format: "markdown" | "json"; details?: string },
): { report: string; details?: string } {
  const text = format === "json" ? JSON.stringify(data, null, 2) + "\n" : renderSummary(report, { details });
  return details === undefined ? { report: text } : { report: text, details: renderDetails(report) };
}
