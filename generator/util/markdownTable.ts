/** How a column's cells line up: `---` (left) or `---:` (right, for numbers). */
export type ColumnAlignment = "left" | "right";

/**
 * A Markdown table laid out as prettier lays it out: every column as wide as its widest cell (at
 * least 3), numbers right-aligned where asked, so it reads as well in a terminal or a diff as
 * rendered. A pipe in a cell is escaped and a line break becomes a space: either would end the cell
 * or the row. No trailing newline.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignment: readonly ColumnAlignment[] = [],
): string {
  const cells = [header, ...rows].map((row) => header.map((_, column) => cellText(row[column] ?? "")));
  const widths = header.map((_, column) => Math.max(3, ...cells.map((row) => width(row[column]!))));
  const right = (column: number) => alignment[column] === "right";
  const line = (row: readonly string[]) =>
    `| ${row
      .map((cell, column) => {
        const padding = " ".repeat(widths[column]! - width(cell));
        return right(column) ? padding + cell : cell + padding;
      })
      .join(" | ")} |`;
  const delimiter = widths.map((size, column) => (right(column) ? `${"-".repeat(size - 1)}:` : "-".repeat(size)));
  const [head, ...body] = cells;
  return [line(head!), `| ${delimiter.join(" | ")} |`, ...body.map(line)].join("\n");
}

function cellText(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Width in characters (code points), as prettier counts them for the scripts our tables hold. */
function width(text: string): number {
  return [...text].length;
}
