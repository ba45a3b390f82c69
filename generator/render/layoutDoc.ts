/**
 * Prettier's own layout algorithm (its doc printer) for the docs that codeLayout.ts builds.
 * Templates write code with the docs' marks in it (private-use characters, which escape.ts never
 * lets through from a spec); `layoutText` reads the marks into a prettier doc and prints it at a
 * width. Text outside marks is kept as written; a line break written inside a mark is a hard break
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
  // The lines that hold marks, up to a line break outside them: the printer lays out each such run
  // alone, as within the whole text (each starts at the first column, after a line break outside
  // marks, which the printer keeps as it is), and the lines between runs are kept as written.
  const run: Frame = { open: "", parts: [], states: [] };
  const endRun = () => {
    const { parts } = run;
    const marked = parts.some((part) => typeof part !== "string");
    laidOut.push(
      marked
        ? printer.printDocToString(parts, { printWidth: width, tabWidth: 2, useTabs: false }).formatted
        : parts.join(""),
    );
    run.parts = [];
  };
  parse(text, run, (outside) => {
    const first = outside.indexOf("\n");
    const last = outside.lastIndexOf("\n");
    run.parts.push(outside.slice(0, first));
    endRun();
    laidOut.push(outside.slice(first, last + 1));
    run.parts.push(outside.slice(last + 1));
  });
  endRun();
  return laidOut.join("");
}

/** An open mark while its text is read: its parts and its states so far. */
interface Frame {
  open: string;
  parts: Doc[];
  states: Doc[][];
}

/**
 * Reads marked text into `root` as a doc; the open marks that `end` closes are on a stack. Text
 * outside the marks with a line break in it goes to `lines` instead.
 */
function parse(text: string, root: Frame, lines: (outside: string) => void): void {
  const stack: Frame[] = [root];
  /** The indentation of the line an outermost mark starts on. */
  let column = 0;
  let start = 0;
  const flush = (end: number) => {
    if (end === start) return;
    const chunk = text.slice(start, end);
    const { parts } = stack.at(-1)!;
    if (!chunk.includes("\n")) parts.push(chunk);
    else if (stack.length === 1) lines(chunk);
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
