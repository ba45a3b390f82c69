/**
 * Prettier's own layout algorithm (its doc printer) for the docs that codeLayout.ts builds.
 * Templates write code with the docs' marks in it (private-use characters, which escape.ts never
 * lets through from a spec); `layoutText` reads the marks into a prettier doc and prints it at a
 * width (where a run of lines fits on one line, flatLine writes it as the printer would, without
 * the doc). Text outside marks is kept as written; a line break written inside a mark is a hard break
 * that follows the mark's indentation: a mark written outside any other is aligned with the line
 * it starts on, and the lines written inside it keep the spaces they have beyond that line's.
 */

import { builders, printer } from "prettier/doc";

type Doc = builders.Doc;

const {
  align,
  breakParent,
  conditionalGroup,
  group,
  hardline,
  ifBreak,
  indent,
  indentIfBreak,
  line,
  lineSuffixBoundary,
  softline,
} = builders;

/** The marks, one character each (U+E000 to U+E00F, reserved by escape.ts). */
export const MARK = {
  group: "\uE000",
  /** A group that is broken whatever the width. */
  brokenGroup: "\uE001",
  indent: "\uE002",
  /** Closes the innermost group, indent, condition or fluid assignment. */
  end: "\uE003",
  /** A space, or a line break where its group breaks. */
  line: "\uE004",
  /** Nothing, or a line break where its group breaks. */
  softline: "\uE005",
  /** `ifBreak<text>end`: text only where the group around it breaks. */
  ifBreak: "\uE006",
  /** `conditional<state>next<state>...end`: the first state that fits, else the last one broken. */
  conditional: "\uE007",
  next: "\uE008",
  /** `fluid<rhs>end`: after `=`, the right side stays on the line if its first line fits, else moves below. */
  fluid: "\uE009",
  /** Breaks the group around it, as a line break inside would. */
  breakParent: "\uE00A",
} as const;

/** The characters layoutText reads as marks; escape.ts escapes them in every value from a spec. */
export const MARKS = /[\uE000-\uE00F]/;
const EVERY_MARK = new RegExp(MARKS.source, "g");

const OPENERS = new Set<string>([
  MARK.group,
  MARK.brokenGroup,
  MARK.indent,
  MARK.ifBreak,
  MARK.conditional,
  MARK.fluid,
]);

/** `text` laid out at `width` columns; text without marks is returned as it is. */
export function layoutText(text: string, width: number): string {
  if (!MARKS.test(text)) return text;
  const laidOut: string[] = [];
  let kept = 0;
  for (const [start, end] of markedLines(text)) {
    const run = text.slice(start, end);
    const flat = flatLine(run, width);
    laidOut.push(
      text.slice(kept, start),
      flat ?? printer.printDocToString(parse(run), { printWidth: width, tabWidth: 2, useTabs: false }).formatted,
    );
    kept = end;
  }
  laidOut.push(text.slice(kept));
  return laidOut.join("");
}

/**
 * The runs of lines that hold marks, each from the start of the line where a mark outside any
 * other opens to the line break after the mark that closes the last one. The printer lays each run
 * out alone, as it would within the whole text (each starts at the first column, after a line break
 * outside marks, which the printer keeps as it is); the lines between runs are kept as written.
 */
function markedLines(text: string): [number, number][] {
  const runs: [number, number][] = [];
  let depth = 0;
  let start = -1;
  /** Just past the last mark read. */
  let after = 0;
  for (const { 0: mark, index } of text.matchAll(EVERY_MARK)) {
    const newline = depth === 0 && start !== -1 ? text.indexOf("\n", after) : -1;
    if (newline !== -1 && newline < index) {
      runs.push([start, newline]);
      start = -1;
    }
    if (start === -1) start = text.lastIndexOf("\n", index - 1) + 1;
    if (OPENERS.has(mark)) depth++;
    else if (mark === MARK.end) depth--;
    after = index + 1;
  }
  const newline = text.indexOf("\n", after);
  runs.push([start, newline === -1 ? text.length : newline]);
  return runs;
}

/**
 * A run as the printer lays it out where all of it fits on one line: every group flat, its lines
 * spaces and its soft lines nothing, `ifBreak` text left out, a conditional's first state. Undefined
 * where the printer could do otherwise: a line break or a broken group in the run, a line outside
 * every group (the printer breaks it), text wider than `width` or other than printable ASCII (whose
 * width the printer measures its own way), marks that do not pair up (the printer's path reports them).
 */
function flatLine(run: string, width: number): string | undefined {
  const open: string[] = [];
  /** The groups and conditionals open around the text being read: where a line may stay a space. */
  let groups = 0;
  /** In text left out, the marks open in it; at 0, the text is kept. */
  let leftOut = 0;
  let flat = "";
  let from = 0;
  for (let index = 0; index < run.length; index++) {
    const code = run.charCodeAt(index);
    if (code >= 0x20 && code <= 0x7e) continue;
    if (code < 0xe000 || code > 0xe00f) return undefined;
    if (leftOut === 0) flat += run.slice(from, index);
    from = index + 1;
    if (flat.length > width) return undefined;
    const mark = run[index]!;
    if (leftOut > 0) {
      // A conditional's later states may hold broken groups (they break no group around it); ifBreak's text may not.
      if ((mark === MARK.brokenGroup || mark === MARK.breakParent) && open.at(-1) === MARK.ifBreak) return undefined;
      if (OPENERS.has(mark)) leftOut++;
      else if (mark === MARK.end && --leftOut === 0 && open.pop() === MARK.conditional) groups--;
    } else if (mark === MARK.group || mark === MARK.conditional) {
      open.push(mark);
      groups++;
    } else if (mark === MARK.indent || mark === MARK.fluid) {
      open.push(mark);
      if (mark === MARK.fluid) flat += " "; // its line, in a group of its own
    } else if (mark === MARK.end) {
      const closed = open.pop();
      if (closed === undefined) return undefined;
      if (closed === MARK.group || closed === MARK.conditional) groups--;
    } else if (groups === 0) {
      return undefined;
    } else if (mark === MARK.line || mark === MARK.softline) {
      if (mark === MARK.line) flat += " ";
    } else if (mark === MARK.ifBreak || (mark === MARK.next && open.at(-1) === MARK.conditional)) {
      if (mark === MARK.ifBreak) open.push(mark);
      leftOut = 1;
    } else {
      return undefined;
    }
  }
  flat += run.slice(from);
  return open.length === 0 && flat.length <= width ? flat : undefined;
}

/** An open mark while its text is read: its parts and its states so far. */
interface Frame {
  open: string;
  parts: Doc[];
  states: Doc[][];
}

/** A run of marked lines (markedLines) as a doc; the open marks that `end` closes are on a stack. */
function parse(text: string): Doc[] {
  const stack: Frame[] = [{ open: "", parts: [], states: [] }];
  /** The indentation of the line an outermost mark starts on. */
  let column = 0;
  let start = 0;
  const flush = (end: number) => {
    if (end === start) return;
    const chunk = text.slice(start, end);
    const { parts } = stack.at(-1)!;
    // Only text inside marks holds line breaks: a run ends at the first one outside them.
    if (!chunk.includes("\n")) parts.push(chunk);
    else parts.push(...inMark(chunk, column));
  };
  // From mark to mark: most of a module's text is outside them.
  for (const { 0: char, index } of text.matchAll(EVERY_MARK)) {
    if (stack.length === 1) column = /^ */.exec(text.slice(text.lastIndexOf("\n", index - 1) + 1, index))![0].length;
    flush(index);
    start = index + 1;
    const frame = stack.at(-1)!;
    if (char === MARK.line) {
      frame.parts.push(line);
    } else if (char === MARK.softline) {
      frame.parts.push(softline);
    } else if (char === MARK.breakParent) {
      frame.parts.push(breakParent);
    } else if (char === MARK.next) {
      frame.states.push(frame.parts);
      frame.parts = [];
    } else if (char === MARK.end) {
      stack.pop();
      const parent = stack.at(-1);
      if (!parent) throw new Error("internal: a layout mark is closed that was never opened");
      parent.parts.push(stack.length === 1 ? align(column, close(frame)) : close(frame));
    } else if (OPENERS.has(char)) {
      stack.push({ open: char, parts: [], states: [] });
    } else {
      throw new Error(`internal: layout mark U+${char.charCodeAt(0).toString(16)} outside the construct it belongs to`);
    }
  }
  flush(text.length);
  if (stack.length !== 1) throw new Error("internal: a layout mark is left open");
  return stack[0]!.parts;
}

/** Text inside a mark: each line break a hard one, the lines less the indentation of the outermost mark's line. */
function inMark(chunk: string, column: number): Doc[] {
  return chunk.split("\n").flatMap((piece, index) => {
    if (index === 0) return [piece];
    const spaces = Math.min(column, /^ */.exec(piece)![0].length);
    return [hardline, piece.slice(spaces)];
  });
}

/** A closed mark as prettier's doc. */
function close(frame: Frame): Doc {
  const { parts } = frame;
  switch (frame.open) {
    case MARK.group:
      return group(parts);
    case MARK.brokenGroup:
      return group(parts, { shouldBreak: true });
    case MARK.indent:
      return indent(parts);
    case MARK.ifBreak:
      return ifBreak(parts);
    case MARK.conditional:
      return conditionalGroup([...frame.states, parts]);
    case MARK.fluid: {
      // Prettier's "fluid" assignment layout (print/assignment.js).
      const groupId = Symbol("assignment");
      return [group(indent(line), { id: groupId }), lineSuffixBoundary, indentIfBreak(parts, { groupId })];
    }
    default:
      throw new Error(`internal: unknown layout mark U+${frame.open.charCodeAt(0).toString(16)}`);
  }
}
