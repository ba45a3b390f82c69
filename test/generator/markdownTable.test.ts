import { describe, expect, it } from "vitest";
import { markdownTable, type ColumnAlignment } from "../../generator/util/markdownTable.js";

describe("markdownTable: one layout for every Markdown table (README, change reports, bench)", () => {
  it.each<[string, string[], string[][], ColumnAlignment[], string[]]>([
    // given header, rows, alignment → want the lines
    [
      "columns as wide as their widest cell",
      ["a", "bb"],
      [["ccc", "d"]],
      [],
      ["| a   | bb  |", "| --- | --- |", "| ccc | d   |"],
    ],
    [
      "numbers right-aligned where asked",
      ["name", "count"],
      [
        ["x", "7"],
        ["y", "12"],
      ],
      ["left", "right"],
      ["| name | count |", "| ---- | ----: |", "| x    |     7 |", "| y    |    12 |"],
    ],
    [
      "an empty header cell",
      ["", "n"],
      [["before", "1"]],
      [],
      ["|        | n   |", "| ------ | --- |", "| before | 1   |"],
    ],
    [
      "a pipe escaped, a line break a space",
      ["a"],
      [["x | y\nz"]],
      [],
      ["| a        |", "| -------- |", "| x \\| y z |"],
    ],
    ["width in characters, not bytes", ["é…"], [["→"]], [], ["| é…  |", "| --- |", "| →   |"]],
  ])("%s", (_title, header, rows, alignment, want) => {
    expect(markdownTable(header, rows, alignment).split("\n")).toEqual(want);
  });
});
