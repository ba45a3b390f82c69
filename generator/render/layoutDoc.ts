/**
 * Prettier's layout algorithm (its `printDocToString`: groups that break only where their content
 * does not fit, measured up to the next possible line break), for the docs that codeLayout.ts
 * builds. Templates write code with the docs' marks in it (private-use characters, which escape.ts
 * never lets through from a spec); `layoutText` reads the marks and lays the text out at a width.
 * Text outside marks is kept as written; a line break written inside a mark is a hard break that
 * follows the mark's indentation, as prettier's `hardline` does.
 */

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

type Doc = string | Doc[] | Group | Indent | Line | IfBreak | IndentIfBreak | Root;
interface Group {
  kind: "group";
  contents: Doc;
  broken: boolean;
  /** A conditional group's states (prettier's conditionalGroup), the first one being `contents`. */
  states?: Doc[];
  id?: number;
}
interface Indent {
  kind: "indent";
  contents: Doc;
}
interface Line {
  kind: "line";
  soft: boolean;
  hard: boolean;
}
interface IfBreak {
  kind: "ifBreak";
  contents: Doc;
}
interface IndentIfBreak {
  kind: "indentIfBreak";
  contents: Doc;
  groupId: number;
}
/** A mark written outside any other: its indentation is that of the line it starts on. */
interface Root {
  kind: "root";
  contents: Doc;
}

const HARDLINE: Line = { kind: "line", soft: false, hard: true };
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
  return print(parse(text), width);
}

/** An open mark while its text is read: its parts, its states so far, and whether a break inside forces it to break. */
interface Frame {
  open: string;
  parts: Doc[];
  states: Doc[][];
  breaks: boolean;
}

/** The marked text as a doc; the open marks that `end` closes are on a stack. */
function parse(text: string): Doc[] {
  const stack: Frame[] = [{ open: "", parts: [], states: [], breaks: false }];
  let nextId = 0;
  let start = 0;
  const flush = (end: number) => {
    const frame = stack.at(-1)!;
    const chunk = text.slice(start, end);
    if (stack.length === 1 || !chunk.includes("\n")) {
      if (chunk) frame.parts.push(chunk);
      return;
    }
    chunk.split("\n").forEach((piece, index) => frame.parts.push(...(index ? [HARDLINE, piece] : [piece])));
    frame.breaks = true;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char < "\uE000" || char > "\uE00F") continue;
    flush(index);
    start = index + 1;
    const frame = stack.at(-1)!;
    if (char === MARK.line || char === MARK.softline) {
      frame.parts.push({ kind: "line", soft: char === MARK.softline, hard: false });
    } else if (char === MARK.breakParent) {
      frame.breaks = true;
    } else if (char === MARK.next) {
      frame.states.push(frame.parts);
      frame.parts = [];
    } else if (char === MARK.end) {
      stack.pop();
      const parent = stack.at(-1);
      if (!parent) throw new Error("internal: a layout mark is closed that was never opened");
      const { doc, breaks } = close(frame, () => nextId++);
      parent.breaks ||= breaks;
      parent.parts.push(stack.length === 1 ? { kind: "root", contents: doc } : doc);
    } else if (OPENERS.has(char)) {
      stack.push({ open: char, parts: [], states: [], breaks: false });
    } else {
      throw new Error(`internal: layout mark U+${char.charCodeAt(0).toString(16)} outside the construct it belongs to`);
    }
  }
  flush(text.length);
  if (stack.length !== 1) throw new Error("internal: a layout mark is left open");
  return stack[0]!.parts;
}

/** A closed mark as its doc, and whether it breaks the group around it (prettier's propagateBreaks). */
function close(frame: Frame, newId: () => number): { doc: Doc; breaks: boolean } {
  const { parts, breaks } = frame;
  switch (frame.open) {
    case MARK.group:
    case MARK.brokenGroup: {
      const broken = breaks || frame.open === MARK.brokenGroup;
      return { doc: { kind: "group", contents: parts, broken }, breaks: broken };
    }
    case MARK.indent:
      return { doc: { kind: "indent", contents: parts }, breaks };
    case MARK.ifBreak:
      return { doc: { kind: "ifBreak", contents: parts }, breaks };
    case MARK.conditional: {
      // A break inside does not break a conditional group: its states decide (prettier's conditionalGroup).
      const states = [...frame.states, parts];
      return { doc: { kind: "group", contents: states[0]!, broken: false, states }, breaks: false };
    }
    case MARK.fluid: {
      const id = newId();
      const line: Line = { kind: "line", soft: false, hard: false };
      const lead: Group = { kind: "group", contents: { kind: "indent", contents: line }, broken: false, id };
      return { doc: [lead, { kind: "indentIfBreak", contents: parts, groupId: id }], breaks };
    }
    default:
      throw new Error(`internal: unknown layout mark U+${frame.open.charCodeAt(0).toString(16)}`);
  }
}

type Mode = "flat" | "break";
interface Command {
  indent: number;
  /** The indentation of the line the root mark started on: written text lines are shifted by `indent - root`. */
  root: number;
  mode: Mode;
  doc: Doc;
}

/** Prettier's printDocToString for these docs. */
function print(docs: Doc[], width: number): string {
  let out = "";
  let lineStart = 0;
  const groupModes = new Map<number, Mode>();
  const commands: Command[] = [{ indent: 0, root: 0, mode: "break", doc: docs }];
  while (commands.length > 0) {
    const { indent, root, mode, doc } = commands.pop()!;
    if (typeof doc === "string") {
      out += doc;
      const newline = doc.lastIndexOf("\n");
      if (newline >= 0) lineStart = out.length - doc.length + newline + 1;
    } else if (Array.isArray(doc)) {
      for (let index = doc.length - 1; index >= 0; index--) commands.push({ indent, root, mode, doc: doc[index]! });
    } else if (doc.kind === "root") {
      const column = /^ */.exec(out.slice(lineStart))![0].length;
      commands.push({ indent: column, root: column, mode: "break", doc: doc.contents });
    } else if (doc.kind === "indent") {
      commands.push({ indent: indent + 2, root, mode, doc: doc.contents });
    } else if (doc.kind === "indentIfBreak") {
      const broken = groupModes.get(doc.groupId) === "break";
      commands.push({ indent: broken ? indent + 2 : indent, root, mode, doc: doc.contents });
    } else if (doc.kind === "ifBreak") {
      if (mode === "break") commands.push({ indent, root, mode, doc: doc.contents });
    } else if (doc.kind === "line") {
      if (mode === "flat" && !doc.hard) {
        if (!doc.soft) out += " ";
      } else {
        let end = out.length;
        while (end > lineStart && (out[end - 1] === " " || out[end - 1] === "\t")) end--;
        if (end < out.length) out = out.slice(0, end);
        out += "\n";
        lineStart = out.length;
        // A line break written in the template keeps the spaces written after it, shifted by the indentation added since the root.
        out += " ".repeat(doc === HARDLINE ? indent - root : indent);
      }
    } else {
      printGroup(doc, { indent, root, mode, doc }, commands, width - (out.length - lineStart), groupModes);
    }
  }
  return out;
}

function printGroup(group: Group, at: Command, commands: Command[], remaining: number, groupModes: Map<number, Mode>) {
  const { indent, root } = at;
  const choose = (mode: Mode, doc: Doc) => {
    commands.push({ indent, root, mode, doc });
    if (group.id !== undefined) groupModes.set(group.id, mode);
  };
  if (at.mode === "flat") return choose(group.broken ? "break" : "flat", group.contents);
  const flat: Command = { indent, root, mode: "flat", doc: group.contents };
  if (!group.broken && fits(flat, commands, remaining)) return choose("flat", group.contents);
  if (!group.states) return choose("break", group.contents);
  // A conditional group: the first of its other states that fits, else the last one, broken.
  for (const state of group.states.slice(1)) {
    if (fits({ indent, root, mode: "flat", doc: state }, commands, remaining)) return choose("flat", state);
  }
  return choose("break", group.states.at(-1)!);
}

/** Prettier's `fits`: whether `next`, then the rest up to its first line break, fits in `width`. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let restIndex = rest.length;
  const stack: { mode: Mode; doc: Doc }[] = [next];
  while (width >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex]!);
      continue;
    }
    const { mode, doc } = stack.pop()!;
    if (typeof doc === "string") {
      // Text outside the marks: its line ends at its first line break.
      const newline = doc.indexOf("\n");
      width -= newline >= 0 ? newline : doc.length;
      if (newline >= 0) return width >= 0;
    } else if (Array.isArray(doc)) {
      for (let index = doc.length - 1; index >= 0; index--) stack.push({ mode, doc: doc[index]! });
    } else if (doc.kind === "group") {
      const groupMode = doc.broken ? "break" : mode;
      stack.push({ mode: groupMode, doc: doc.states && groupMode === "break" ? doc.states.at(-1)! : doc.contents });
    } else if (doc.kind === "ifBreak") {
      if (mode === "break") stack.push({ mode, doc: doc.contents });
    } else if (doc.kind === "line") {
      if (mode === "break" || doc.hard) return true;
      if (!doc.soft) width--;
    } else if (doc.kind === "root") {
      stack.push({ mode: "break", doc: doc.contents });
    } else {
      stack.push({ mode, doc: doc.contents });
    }
  }
  return false;
}
