// bench/results.md: when, on what machine and how the figures were taken, then the table.
import { writeFileSync } from "node:fs";
import { cpus, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { benchDir } from "./paths.js";

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`;
  return `${cpu}, ${cpus().length} cores, ${memory}, Node ${process.version}, ${type()} ${release()} (${process.arch})`;
}

export interface ResultsPage {
  date: string;
  command: string;
  table: string;
  notes: string[];
}

export function writeResults(page: ResultsPage): string {
  const file = join(benchDir, "results.md");
  const text = [
    "# Benchmark results",
    "",
    `- Date: ${page.date}`,
    `- Machine: ${machineLine()}`,
    `- Command: \`${page.command}\``,
    "",
    page.table,
    "",
    ...page.notes.map((note) => `- ${note}`),
    "",
  ].join("\n");
  writeFileSync(file, text);
  return file;
}
