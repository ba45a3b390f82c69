import { readFileSync } from "node:fs";

export interface KnownDifference {
  row: string;
  /** As requestDifferences / fieldDifferences name it: `header if-match`, `field dateCreated`. */
  aspect: string;
  reason: string;
}

const FILE = new URL("./known-differences.md", import.meta.url);

/**
 * The rows of the table in known-differences.md: `| row | difference | reason |`, the first two
 * in backticks. A difference the matrix finds must be listed; a listed one it no longer finds fails too.
 */
export function knownDifferences(): KnownDifference[] {
  const rows = readFileSync(FILE, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("| `"));
  return rows.map((line) => {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    const unquote = (cell: string | undefined) => /^`(.+)`$/.exec(cell ?? "")?.[1];
    const [row, aspect, reason] = [unquote(cells[0]), unquote(cells[1]), cells[2]];
    if (row === undefined || aspect === undefined || !reason) {
      throw new Error(`known-differences.md: a row needs \`row\`, \`difference\` and a reason: ${line}`);
    }
    return { row, aspect, reason };
  });
}
