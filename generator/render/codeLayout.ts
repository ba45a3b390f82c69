import { layoutText, MARK } from "./layoutDoc.js";

/** The line width the emitted code is laid out for (prettier's printWidth in .prettierrc.json). */
export const PRINT_WIDTH = 120;

const COMMENT_LINE = /^\s*(\/\/|\/\*\*|\*)/;

/** Whether every code line of `text` fits the print width; prettier leaves comments as they are. */
export function fitsWidth(text: string): boolean {
  // Asked of every line of every module: most are short, and need no split.
  if (text.length <= PRINT_WIDTH) return true;
  return text.split("\n").every((line) => line.length <= PRINT_WIDTH || COMMENT_LINE.test(line));
}

/**
 * The code constructs whose layout depends on the width, each built as prettier builds it, from
 * the marks of layoutDoc.ts; templates reach them as block helpers (templates.ts) and write each
 * construct once. Items of a list or union are separated by ITEM (the `sep` helper); empty items
 * are dropped, so a template may write the separator before every item.
 */
export const ITEM = "\uE00F";

export interface ListLayout {
  /** A trailing comma where the list breaks (not after a rest parameter, nor in type arguments). */
  comma: boolean;
  /** `{ a, b }` rather than `[a, b]`: a space inside the brackets where the list stays on one line. */
  spaced: boolean;
  /** Prettier's last-argument hugging: `f(a, {` with the last item broken, before breaking every item. */
  hug: boolean;
  /** The items are arrays or objects of two or more entries: prettier breaks two or more of them. */
  rows: boolean;
  /** Whether one item alone may break (not in an import: prettier keeps `import { A } from` whole). */
  breakOne: boolean;
}

/** Items between `open` and `close`: on one line where they fit, else one per line (prettier's call arguments, arrays, parameters, type arguments). */
export function list(open: string, close: string, marked: string, layout: Partial<ListLayout> = {}): string {
  const { comma = true, spaced = false, hug = false, rows = false, breakOne = true } = layout;
  const items = splitItems(marked);
  if (items.length === 0) return `${open}${close}`;
  if (items.length === 1 && !breakOne) return spaced ? `${open} ${items[0]} ${close}` : `${open}${items[0]}${close}`;
  const edge = spaced ? MARK.line : MARK.softline;
  const trailing = comma ? `${MARK.ifBreak},${MARK.end}` : "";
  const body = `${MARK.indent}${edge}${items.join(`,${MARK.line}`)}${MARK.end}${trailing}${edge}`;
  const broken = rows && items.length > 1;
  if (!hug || items.length < 2) return `${open}${broken ? MARK.brokenGroup : MARK.group}${body}${MARK.end}${close}`;
  const last = items.at(-1)!;
  const first = items.slice(0, -1).join(", ");
  // A last item that breaks breaks the line it is on too; its own layout then decides (prettier's printArguments).
  const breaks = /[\n\uE001\uE00A]/.test(last) ? MARK.breakParent : "";
  const states = [
    `${first}, ${last}`,
    `${first}, ${MARK.brokenGroup}${last}${MARK.end}`,
    `${MARK.brokenGroup}${body}${MARK.end}`,
  ];
  return `${open}${breaks}${MARK.conditional}${states.join(MARK.next)}${MARK.end}${close}`;
}

/** A union type where a type argument is: on one line where it fits, else a member per line, each after `| `. */
export function union(marked: string): string {
  const members = splitItems(marked);
  if (members.length < 2) return members.join("");
  return `${MARK.group}${MARK.ifBreak}| ${MARK.end}${members.join(`${MARK.line}| `)}${MARK.end}`;
}

/** The right side of `=>` or of a property: on the line where it fits, else on the next one, indented. */
export function breakAfter(marked: string): string {
  return `${MARK.group}${MARK.indent}${MARK.line}${marked}${MARK.end}${MARK.end}`;
}

/** The right side of a type alias's `=`: on the line where its first line fits (an object type's `{`), else below. */
export function fluid(marked: string): string {
  return `${MARK.fluid}${marked}${MARK.end}`;
}

function splitItems(marked: string): string[] {
  return marked.split(ITEM).filter((item) => item.trim() !== "");
}

/** Rendered text with its marks laid out at the print width. */
export function layOut(text: string): string {
  return layoutText(text, PRINT_WIDTH);
}

/**
 * `key?: A | B;`, `key?: (A | B)[];` or `key?: (A | B)[] | null;`, with the members captured whole;
 * a member is a string, a name, or a reference such as `components["schemas"]["x"][]`.
 */
const UNION_MEMBER =
  /^(\s*)((?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")\??): (\()?((?:[^()|{}[\]"]+|"(?:[^"\\]|\\.)*"|\["(?:[^"\\]|\\.)*"\]|\[\]| \| )+?)(\)\[\])?( \| null)?;$/;

/**
 * Lays out members typed with a wide union of simple members (enums, mostly) as prettier does: on
 * the next line when it fits there, else one member per line. TypeScript's printer never breaks a union; other wide lines are left to prettier.
 */
export function breakWideUnions(text: string): string {
  return mapWideLines(text, (line) => {
    const match = UNION_MEMBER.exec(line);
    if (!match || Boolean(match[3]) !== Boolean(match[5])) return line;
    const [, indent = "", key = "", array, union = "", , orNull] = match;
    const members = (union.match(/(?:"(?:[^"\\]|\\.)*"|[^"|])+/g) ?? []).map((member) => member.trim());
    if (!array) {
      if (orNull) members.push("null");
      if (members.length < 2) return line;
      const whole = members.join(" | ");
      if (fitsWidth(`${indent}  ${whole};`)) return `${indent}${key}:\n${indent}  ${whole};`;
      return [`${indent}${key}:`, ...members.map((member) => `${indent}  | ${member}`)].join("\n") + ";";
    }
    if (members.length < 2) return line;
    if (!orNull) {
      return [`${indent}${key}: (`, ...members.map((member) => `${indent}  | ${member}`), `${indent})[];`].join("\n");
    }
    // Only where the array cannot sit on one line does prettier's layout follow for sure.
    if (fitsWidth(`${indent}  | (${union})[]`)) return line;
    const inner = members.map((member) => `${indent}      | ${member}`);
    return [`${indent}${key}:`, `${indent}  | (`, ...inner, `${indent}    )[]`, `${indent}  | null;`].join("\n");
  });
}

/** `key: A & B;` whose members are names or references: no braces, unions or parentheses at its top. */
const INTERSECTION_MEMBER = /^(\s*)((?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")\??): ([^{}()|;]+ & [^{}()|;]+);$/;

/**
 * Lays out members typed with a wide intersection (a `$ref` with siblings, `required` beside an
 * `allOf`) as prettier does: the first type on the member's line, each other one below it, indented.
 */
export function breakWideIntersections(text: string): string {
  return mapWideLines(text, (line) => {
    const match = INTERSECTION_MEMBER.exec(line);
    if (!match) return line;
    const [, indent = "", key = "", intersection = ""] = match;
    const [first, ...rest] = topLevelParts(intersection, " & ");
    if (rest.length === 0) return line;
    return [
      `${indent}${key}: ${first} &`,
      ...rest.map((part, index) => `${indent}  ${part}${index === rest.length - 1 ? ";" : " &"}`),
    ].join("\n");
  });
}

/**
 * `text` with each line that does not fit the width (fitsWidth) replaced by `wide(line)`, read
 * without splitting the text: most modules have no such line.
 */
function mapWideLines(text: string, wide: (line: string) => string): string {
  const parts: string[] = [];
  let kept = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > PRINT_WIDTH) {
      const line = text.slice(start, end);
      if (!fitsWidth(line)) {
        parts.push(text.slice(kept, start), wide(line));
        kept = end;
      }
    }
    start = end + 1;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(kept));
  return parts.join("");
}

/** `text` split at `separator` where it stands outside quotes, brackets and angle brackets. */
function topLevelParts(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === "\\") index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "[" || char === "<") depth++;
    else if (char === "]" || char === ">") depth--;
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index += separator.length - 1;
    }
  }
  return [...parts, text.slice(start)];
}

/**
 * `key?: { ... }[] | null;` as prettier lays it out: each member of the union on its own line, the
 * object indented under its `|`. TypeScript's printer keeps the union on the closing line.
 */
export function breakObjectArrayUnions(text: string): string {
  if (!text.includes("}[] | null;")) return text;
  const lines = text.split("\n");
  for (let end = 0; end < lines.length; end++) {
    const closing = /^(\s*)\}\[\] \| null;$/.exec(lines[end]!);
    if (!closing) continue;
    const indent = closing[1]!;
    let start = end - 1;
    while (
      start >= 0 &&
      !(lines[start]!.startsWith(`${indent}`) && /^\S.*: \{$/.test(lines[start]!.slice(indent.length)))
    ) {
      start--;
    }
    if (start < 0) continue;
    const key = lines[start]!.slice(0, -" {".length);
    const body = lines.slice(start + 1, end).map((line) => (line === "" ? line : `    ${line}`));
    const replacement = [key, `${indent}  | {`, ...body, `${indent}    }[]`, `${indent}  | null;`];
    lines.splice(start, end - start + 1, ...replacement);
    end = start + replacement.length - 1;
  }
  return lines.join("\n");
}
