import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { balanceBySize } from "../balance.js";
import { GeneratorError } from "../diagnostics.js";

export interface SpecText {
  file: string;
  text: string;
}

type ParseAnswer =
  { file: string; json: string } | { file: string; error: { message: string; line?: number; column?: number } };

/**
 * Parses specs to plain data, YAML in worker threads (one per core, balanced by size): the YAML
 * parser is the slowest step of a cold run. Rejects with the first file's syntax error.
 */
export async function parseSpecs(specs: readonly SpecText[]): Promise<Map<string, unknown>> {
  const parsed = new Map<string, unknown>();
  const yaml = specs.filter((spec) => !spec.file.endsWith(".json"));
  for (const spec of specs) if (spec.file.endsWith(".json")) parsed.set(spec.file, parseJson(spec));
  const batches = balanceBySize(yaml, Math.min(availableParallelism(), yaml.length), (spec) => spec.text.length);
  const answers = (await Promise.all(batches.map(parseInWorker))).flat();
  for (const answer of answers.sort((a, b) => order(specs, a.file) - order(specs, b.file))) {
    if ("error" in answer) {
      const { message, line, column } = answer.error;
      throw new GeneratorError(
        { file: answer.file, line, column },
        `invalid YAML: ${message}`,
        "correct the YAML syntax at that position",
      );
    }
    parsed.set(answer.file, JSON.parse(answer.json));
  }
  return parsed;
}

function order(specs: readonly SpecText[], file: string): number {
  return specs.findIndex((spec) => spec.file === file);
}

function parseInWorker(specs: SpecText[]): Promise<ParseAnswer[]> {
  return new Promise((resolve, reject) => {
    const answers: ParseAnswer[] = [];
    const worker = new Worker(new URL("./parseWorker.mjs", import.meta.url), { workerData: { specs } });
    worker.on("message", (answer: ParseAnswer) => {
      answers.push(answer);
      if (answers.length === specs.length) void worker.terminate().then(() => resolve(answers));
    });
    worker.once("error", reject);
  });
}

function parseJson({ file, text }: SpecText): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const location = Number.isNaN(offset) ? { file } : { file, ...lineAndColumn(text, offset) };
    throw new GeneratorError(location, `invalid JSON: ${message}`, "correct the JSON syntax at that position");
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
