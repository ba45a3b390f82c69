import { structuredPatch, type StructuredPatchHunk } from "diff";

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change. */
  context?: number;
  /** At most this many lines after the `---`/`+++` header; the rest is counted, not shown. */
  maxLines?: number;
  /**
   * Past this many differing lines the diff gives up on a shortest edit script and replaces the
   * differing middle wholesale, which is still a correct diff. The search's cost grows with the square
   * of this number: at 500, two unrelated 200 KB files take some 40 ms, at 2000 over a second.
   */
  maxEdits?: number;
}

/**
 * A unified diff of one file (`--- a/path`, `+++ b/path`, `@@` hunks) as git prints it; `undefined`
 * text stands for a missing file (`/dev/null`). Long diffs are cut after `maxLines` with a note.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  { context = 3, maxLines = Infinity, maxEdits = 500 }: UnifiedDiffOptions = {},
): string {
  const [oldText, newText] = [before ?? "", after ?? ""];
  const hunks =
    structuredPatch(path, path, oldText, newText, "", "", { context, maxEditLength: maxEdits })?.hunks ??
    replacedMiddle(oldText, newText, context);
  const body = hunks.flatMap((hunk) => [hunkHeader(hunk), ...hunk.lines]);
  const shown = body.length > maxLines ? [...body.slice(0, maxLines), `… ${body.length - maxLines} more lines`] : body;
  const header = [
    before === undefined ? "--- /dev/null" : `--- a/${path}`,
    after === undefined ? "+++ /dev/null" : `+++ b/${path}`,
  ];
  return [...header, ...shown].join("\n");
}

/** `@@ -12,3 +12 @@` as git writes it: a count of 1 left out, an empty side numbered by the line before it. */
function hunkHeader(hunk: StructuredPatchHunk): string {
  const range = (start: number, count: number) =>
    count === 1 ? String(start) : `${count === 0 ? start - 1 : start},${count}`;
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`;
}

/** One hunk: the lines between the common prefix and suffix removed and added wholesale, with context. */
function replacedMiddle(before: string, after: string, context: number): StructuredPatchHunk[] {
  const [a, b] = [linesOf(before), linesOf(after)];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let [endA, endB] = [a.length, b.length];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) [endA, endB] = [endA - 1, endB - 1];
  const from = Math.max(0, start - context);
  const trailing = a.slice(endA, endA + context);
  const lines = [
    ...a.slice(from, start).map((line) => ` ${line}`),
    ...a.slice(start, endA).map((line) => `-${line}`),
    ...b.slice(start, endB).map((line) => `+${line}`),
    ...trailing.map((line) => ` ${line}`),
  ];
  const oldLines = endA - from + trailing.length;
  const newLines = endB - from + trailing.length;
  return [{ oldStart: from + 1, oldLines, newStart: from + 1, newLines, lines }];
}

function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
