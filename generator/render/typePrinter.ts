/**
 * Writes type nodes (typeNodes.ts) as TypeScript's printer writes the same types: four spaces a
 * level, an object type's members one a line, each doc comment on the lines before its member, its
 * lines trimmed and indented as the printer indents a comment's lines. schemaTypes.ts lays the text
 * out as the emitted modules hold it.
 */
import type { Member, TypeNode } from "./typeNodes.js";

/** The text of `type`, without the whitespace around it. */
export function printType(type: TypeNode): string {
  const writer = new Writer();
  writeType(writer, type);
  return writer.text.trim();
}

/** `"text"`, as TypeScript's printer writes a string literal: escaped, non-ASCII characters too (`\u00E9`). */
export function stringLiteralText(value: string): string {
  const escaped = value.replace(ESCAPED, (char, offset: number) => escapeOf(char, value.charCodeAt(offset + 1)));
  return `"${escaped.replace(NON_ASCII, (char) => unicodeEscape(char.charCodeAt(0)))}"`;
}

/** What the printer escapes in a double-quoted string literal. */
const ESCAPED = /[\\"\u0000-\u001f\u2028\u2029\u0085]/g;
const NON_ASCII = /[^\u0000-\u007f]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  "\t": "\\t",
  "\v": "\\v",
  "\f": "\\f",
  "\b": "\\b",
  "\r": "\\r",
  "\n": "\\n",
  "\\": "\\\\",
  '"': '\\"',
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
  "\u0085": "\\u0085",
};

function escapeOf(char: string, next: number): string {
  if (char === "\0") return next >= 0x30 && next <= 0x39 ? "\\x00" : "\\0";
  return ESCAPES[char] ?? unicodeEscape(char.charCodeAt(0));
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The printer's text writer: a line's indentation is written with its first text. */
class Writer {
  text = "";
  indent = 0;
  private lineStart = true;

  write(text: string): void {
    if (this.lineStart) this.text += "    ".repeat(this.indent);
    this.text += text;
    this.lineStart = false;
  }

  /** Text as it is, without the line's indentation. */
  raw(text: string): void {
    this.text += text;
    this.lineStart = text === "\n";
  }

  line(): void {
    if (this.lineStart) return;
    this.text += "\n";
    this.lineStart = true;
  }
}

function writeType(writer: Writer, type: TypeNode): void {
  switch (type.kind) {
    case "keyword":
      return writer.write(type.name);
    case "text":
      return writer.write(type.text);
    case "reference":
      writer.write(type.name);
      if (type.args.length > 0) writeList(writer, "<", type.args, ", ", ">");
      return;
    case "indexed":
      writeType(writer, type.object);
      return writer.write(`[${type.index}]`);
    case "array":
      writeType(writer, type.element);
      return writer.write("[]");
    case "tuple":
      return writeList(writer, "[", type.elements, ", ", "]");
    case "union":
      return writeList(writer, "", type.members, " | ", "");
    case "intersection":
      return writeList(writer, "", type.members, " & ", "");
    case "parenthesized":
      return writeList(writer, "(", [type.type], "", ")");
    case "object":
      return writeObject(writer, type.members);
  }
}

function writeList(writer: Writer, open: string, types: readonly TypeNode[], between: string, close: string): void {
  if (open) writer.write(open);
  types.forEach((type, index) => {
    if (index > 0) writer.write(between);
    writeType(writer, type);
  });
  if (close) writer.write(close);
}

/** `{}`, or `{`, a member a line one level in, `}`. */
function writeObject(writer: Writer, members: readonly Member[]): void {
  writer.write("{");
  if (members.length > 0) {
    writer.indent++;
    for (const member of members) {
      writer.line();
      writeMember(writer, member);
    }
    writer.indent--;
    writer.line();
  }
  writer.write("}");
}

function writeMember(writer: Writer, member: Member): void {
  if (member.kind === "index") {
    writer.write("[key: string]: ");
  } else {
    if (member.doc !== undefined) writeDocComment(writer, member.doc);
    writer.write(`${member.readonly ? "readonly " : ""}${member.name}${member.optional ? "?" : ""}: `);
  }
  writeType(writer, member.type);
  writer.write(";");
}

/**
 * `/*<text>*\/` and a line break, as the printer writes a comment: its first line where the writer
 * is, each further line trimmed and indented by the writer's indentation plus the width of the
 * blanks the line began with (a tab to the next multiple of four), a blank line as a bare line break.
 */
function writeDocComment(writer: Writer, text: string): void {
  const comment = `/*${text}*/`;
  const starts = lineStarts(comment);
  starts.forEach((start, line) => {
    const next = starts[line + 1] ?? comment.length + 1;
    if (line > 0) writer.raw(" ".repeat(Math.max(0, writer.indent * 4 + indentWidth(comment, start, next))));
    const end = Math.min(comment.length, next - 1);
    const lineText = comment.substring(start, end).trim();
    if (!lineText) return writer.raw("\n");
    writer.write(lineText);
    if (end !== comment.length) writer.line();
  });
  writer.line();
}

/** Where each line of `text` starts: after `\n`, `\r\n`, `\r`, U+2028 and U+2029. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) index++;
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) starts.push(index + 1);
  }
  return starts;
}

/** The width of the blanks `text` has from `start` (before `end`): a tab to the next multiple of four. */
function indentWidth(text: string, start: number, end: number): number {
  let width = 0;
  for (let index = start; index < end && BLANK.test(text[index]!); index++) {
    width = text[index] === "\t" ? width + 4 - (width % 4) : width + 1;
  }
  return width;
}

/** The printer's blanks within a line (its isWhiteSpaceSingleLine). */
const BLANK = /[ \t\v\f\u00a0\u0085\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
