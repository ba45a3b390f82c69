/** One line of a line diff: kept (` `), removed from the old text (`-`) or added by the new one (`+`). */
export interface DiffLine {
  op: " " | "-" | "+";
  text: string;
}

/**
 * A shortest edit script from `before` to `after` (Myers' O(ND) algorithm) on the lines between
 * their common prefix and suffix. Past `maxEdits` differences it gives up on minimality and
 * replaces that middle wholesale, which is still a correct diff.
 */
export function diffLines(before: readonly string[], after: readonly string[], maxEdits = 2000): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  const middle = myers(a, b, maxEdits) ?? [
    ...a.map((text): DiffLine => ({ op: "-", text })),
    ...b.map((text): DiffLine => ({ op: "+", text })),
  ];
  const kept = (lines: readonly string[]) => lines.map((text): DiffLine => ({ op: " ", text }));
  return [...kept(before.slice(0, start)), ...middle, ...kept(before.slice(endBefore))];
}

function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffLine[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const furthest = new Int32Array(2 * offset + 1); // furthest x reached on each diagonal k = x - y
  // Round d reads diagonals -d-1 .. d+1 of the round before: only those are kept for the way back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxEdits); d++) {
    trace.push(furthest.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && furthest[offset + k - 1]! < furthest[offset + k + 1]!);
      let x = down ? furthest[offset + k + 1]! : furthest[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      furthest[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return undefined;
}

/** Walks the recorded rounds back from the end, collecting the snake and the edit of each round. */
function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): DiffLine[] {
  const lines: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d]![k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; y--) lines.push({ op: " ", text: a[--x]! });
    if (d > 0) lines.push(down ? { op: "+", text: b[--y]! } : { op: "-", text: a[--x]! });
  }
  return lines.reverse();
}

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change. */
  context?: number;
  /** At most this many lines after the `---`/`+++` header; the rest is counted, not shown. */
  maxLines?: number;
}

/**
 * A unified diff of one file (`--- a/path`, `+++ b/path`, `@@` hunks) as git prints it; `undefined`
 * text stands for a missing file (`/dev/null`). Long diffs are cut after `maxLines` with a note.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  { context = 3, maxLines = Infinity }: UnifiedDiffOptions = {},
): string {
  const lines = diffLines(splitLines(before), splitLines(after));
  const body = hunks(lines, context).flatMap((hunk) => [
    hunk.header,
    ...hunk.lines.map((line) => `${line.op}${line.text}`),
  ]);
  const shown = body.length > maxLines ? [...body.slice(0, maxLines), `… ${body.length - maxLines} more lines`] : body;
  const header = [
    before === undefined ? "--- /dev/null" : `--- a/${path}`,
    after === undefined ? "+++ /dev/null" : `+++ b/${path}`,
  ];
  return [...header, ...shown].join("\n");
}

function splitLines(text: string | undefined): string[] {
  if (!text) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

interface Hunk {
  header: string;
  lines: DiffLine[];
}

/** Groups changed lines with `context` lines around them; hunks closer than twice that merge. */
function hunks(lines: readonly DiffLine[], context: number): Hunk[] {
  const changed = lines.flatMap((line, index) => (line.op === " " ? [] : [index]));
  const ranges: [number, number][] = [];
  for (const index of changed) {
    const last = ranges[ranges.length - 1];
    if (last && index - last[1] <= 2 * context + 1) last[1] = index;
    else ranges.push([index, index]);
  }
  // Line numbers before each position, in the old and the new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  for (let index = 0, o = 0, n = 0; index <= lines.length; index++) {
    oldLine.push(o);
    newLine.push(n);
    if (lines[index]?.op !== "+") o++;
    if (lines[index]?.op !== "-") n++;
  }
  return ranges.map(([first, last]) => {
    const from = Math.max(0, first - context);
    const to = Math.min(lines.length, last + context + 1);
    const slice = lines.slice(from, to);
    const oldCount = slice.filter((line) => line.op !== "+").length;
    const newCount = slice.filter((line) => line.op !== "-").length;
    const oldStart = oldCount === 0 ? oldLine[from]! : oldLine[from]! + 1;
    const newStart = newCount === 0 ? newLine[from]! : newLine[from]! + 1;
    return { header: `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, lines: slice };
  });
}

/** A hunk's line range as git writes it: `12,3`, or just `12` for one line. */
function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
