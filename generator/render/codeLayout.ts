import type { ImportPlan } from "../plan/views.js";
import { stringLiteral } from "./escape.js";

/** The line width the emitted code is laid out for (prettier's printWidth in .prettierrc.json). */
export const PRINT_WIDTH = 120;

const COMMENT_LINE = /^\s*(\/\/|\/\*\*|\*)/;

/** Whether every code line of `text` fits the print width; prettier leaves comments as they are. */
export function fitsWidth(text: string): boolean {
  return text.split("\n").every((line) => line.length <= PRINT_WIDTH || COMMENT_LINE.test(line));
}

/**
 * Wide lines that prettier leaves as they are, because it has nowhere to break them: an import
 * of one name, a class heading, a schema key opening its object, a lone indexed type, a string.
 */
const UNBREAKABLE = [
  /^import (type )?\{ [\w$]+( as [\w$]+)? \} from "[^"]+";$/,
  /^export class [\w$]+ extends [\w$]+<[\w$]+> \{\}?$/,
  /^\s*"[^"]+": \{$/,
  /^\s*components\["schemas"\]\["[^"]+"\];$/,
  /^\s*get [\w$]+\(\): [\w$]+\["[^"]+"\] \{$/,
  /^\s*[\w$]+: "[^"]*",$/,
  /^\s*"[^"]*",$/,
];

function fitsOrUnbreakable(line: string): boolean {
  return fitsWidth(line) || UNBREAKABLE.some((pattern) => pattern.test(line));
}

/**
 * Whether rendered text may differ from prettier's layout: the templates lay code out as prettier
 * does within the print width, and TypeScript's printer (schema types) never breaks a union, so
 * a wide code line or a union around a multi-line object (bar `{ ... } | null`, which prettier keeps)
 * is left to prettier.
 */
export function needsFormatter(text: string): boolean {
  return !text.split("\n").every(fitsOrUnbreakable) || /^[ \t]*}(?! \| null;$)[^;,\n]*\|/m.test(text);
}

export interface ImportView {
  from: string;
  names: string[];
  typeOnly: boolean;
  /** One name per line, as prettier breaks an import of several names wider than the print width. */
  multiline: boolean;
}

export function importViews(imports: readonly ImportPlan[], typeOnlyModules: readonly string[] = []): ImportView[] {
  return imports.map(({ from, names }) => {
    const typeOnly = typeOnlyModules.includes(from);
    const line = `import ${typeOnly ? "type " : ""}{ ${names.join(", ")} } from ${stringLiteral(from)};`;
    return { from, names, typeOnly, multiline: names.length > 1 && !fitsWidth(line) };
  });
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
  return text
    .split("\n")
    .map((line) => {
      if (fitsWidth(line)) return line;
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
    })
    .join("\n");
}

/**
 * `key?: { ... }[] | null;` as prettier lays it out: each member of the union on its own line, the
 * object indented under its `|`. TypeScript's printer keeps the union on the closing line.
 */
export function breakObjectArrayUnions(text: string): string {
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
