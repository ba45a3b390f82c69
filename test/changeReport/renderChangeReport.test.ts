import { describe, expect, it } from "vitest";
import type { ChangeReport } from "../../generator/changeReport/changeReport.js";
import { capLine, renderDetails, renderSummary } from "../../generator/changeReport/renderChangeReport.js";
import { sdkChangeReport } from "../../generator/sdkDiff/renderSdkReport.js";
import { sdkChange } from "../../generator/sdkDiff/sdkChanges.js";
import { specChangeReport } from "../../generator/specDiff/renderReport.js";
import { specDiff } from "../../generator/specDiff/specDiff.js";

/** A report with `breaking` and `additive` lines of `width` characters in one group. */
function report(breaking: number, additive: number, width = 40): ChangeReport {
  const lines = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => `\`${prefix}${index}\`: ${"x".repeat(width)}`);
  return {
    title: "A change report",
    lead: ["From `a` to `b`."],
    breaking,
    additive,
    warnings: [],
    sections: [{ title: "Things", breaking, additive }],
    notes: [],
    groups: [
      {
        heading: "Things",
        counts: { breaking, additive },
        intro: [],
        breaking: lines(breaking, "b"),
        additive: lines(additive, "a"),
      },
    ],
  };
}

const longest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));
const bytes = (text: string) => Buffer.byteLength(text);

describe("capLine", () => {
  const long = "`code` " + "y".repeat(100);
  it.each([
    // given line, limit → want: the line, or its start, a closing backtick if one is open, and the length
    ["a line within the limit", "short", 10, "short"],
    ["cut after a closed code span", long, 60, `\`code\` ${"y".repeat(26)} … (107 characters in all)`],
    ["cut inside a code span, closed", "x`" + "c".repeat(100), 40, `x\`${"c".repeat(11)}\` … (102 characters in all)`],
  ])("%s", (_title, line, max, want) => {
    expect(capLine(line, max)).toBe(want);
    expect(capLine(line, max).length).toBeLessThanOrEqual(max);
  });
});

describe("renderSummary: a report that fits a GitHub job summary", () => {
  const limits = { bytes: 10_000, lineChars: 200 };

  it("is the whole report when it fits", () => {
    const small = report(3, 4);
    expect(renderSummary(small, { limits })).toBe(renderDetails(small));
    expect(renderSummary(small, { limits })).not.toContain("cut to fit");
  });

  it("cuts lines over the limit, and says where the whole report is", () => {
    const wide = report(2, 0, 1000);
    const summary = renderSummary(wide, { limits, details: "report-details.md" });
    expect(longest(summary)).toBeLessThanOrEqual(200);
    expect(longest(renderDetails(wide))).toBeGreaterThan(1000);
    expect(summary).toContain("the full report is in `report-details.md`");
  });

  it("counts the additive changes instead of listing them when the lists are too big", () => {
    const summary = renderSummary(report(10, 400), { limits });
    expect(bytes(summary)).toBeLessThanOrEqual(10_000);
    expect(summary.match(/^- `b\d+`/gm)).toHaveLength(10);
    expect(summary).toContain("Additive: 400, not listed here.");
    expect(summary).toContain("written by `--details FILE`");
  });

  it("lists the breaking changes while they fit, and counts the rest", () => {
    const summary = renderSummary(report(1000, 1000), { limits });
    expect(bytes(summary)).toBeLessThanOrEqual(10_000);
    const listed = summary.match(/^- `b\d+`/gm)!.length;
    expect(listed).toBeGreaterThan(50);
    expect(summary).toContain(`- … and ${1000 - listed} more, not listed here`);
    expect(summary).toContain("**1000 breaking, 1000 additive changes.**");
  });
});

describe("one format for both diffs", () => {
  /** The report's outline: headings, totals, tables' header rows and list markers, without the words of the changes. */
  const outline = (markdown: string) =>
    markdown
      .split("\n")
      .filter((line) => /^(#|\*\*\d|\d+ breaking|Breaking:|<details>|<\/details>|\| changes )/.test(line))
      .map((line) =>
        line
          .replace(/ +/g, " ")
          .replace(/`[^`]*`|\d+/g, "_")
          .replace(/^(#+ ).*/, "$1…")
          .replace(/^\*\*.*/, "**totals**"),
      )
      .filter((line, index, lines) => line !== lines[index - 1]);

  it("renders spec-diff's and sdk-diff's reports with the same parts in the same order", async () => {
    const spec = await specDiff(["test/specDiff/fixtures/twilio_notes_v1.yaml"], ["test/specDiff/fixtures"]);
    const sdk = {
      breaking: 1,
      additive: 1,
      changes: [
        sdkChange("if-match-lost", "notes/v1/note#NoteUpdateOptions.ifMatch"),
        sdkChange("class-added", "labels/v1/label#LabelContext"),
      ],
    };
    const [specText, sdkText] = [
      renderSummary(specChangeReport(spec)),
      renderSummary(sdkChangeReport(sdk, { from: "a", to: "b" })),
    ];
    const want = ["# …", "**totals**", "| changes | breaking | additive |", "## …", "_ breaking, _ additive.*"];
    for (const text of [specText, sdkText]) {
      const parts = outline(text);
      expect(parts.slice(0, 3)).toEqual(want.slice(0, 3));
      expect(
        parts
          .slice(3)
          .every((line) => /^(## …|_ breaking, _ additive.*|Breaking:|<details>.*|<\/details>)$/.test(line)),
      ).toBe(true);
      expect(text).toMatch(/\n## .+\n\n\d+ breaking, \d+ additive[^\n]*\.\n\n/);
    }
    expect(specText).toContain("<details><summary>Additive: ");
    expect(sdkText).toContain(
      "<details><summary>Additive: 1</summary>\n\n- `labels/v1/label#LabelContext`: class added\n",
    );
    expect(sdkText).toContain("Breaking:\n\n- `notes/v1/note#NoteUpdateOptions.ifMatch`: `ifMatch` lost\n");
  });
});
