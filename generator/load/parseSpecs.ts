import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { balanceBySize } from "../util/balance.js";
import { GeneratorError } from "../util/diagnostics.js";
import { pointerText } from "./locate.js";

export interface SpecText {
  file: string;
  text: string;
}

/** A spec as a parser thread is given it: with its place in the specs, which its answer names. */
type PlacedSpec = SpecText & { index: number };

/**
 * A parser thread's answer for the spec at `index` (a file may be given twice, as spec-diff's two
 * sets do): the document as JSON text, or the first problem with its place and fix.
 */
type ParseAnswer =
  | { file: string; index: number; json: string }
  | {
      file: string;
      index: number;
      error: { problem: string; fix: string; line?: number; column?: number; pointer?: (string | number)[] };
    };

/**
 * A parser's garbage (the YAML nodes of each document) dies young: a small young generation
 * collects it early instead of letting it pile up while this thread builds the models of the specs
 * parsed so far. With V8's default size, a cold run's peak RSS was ~20 MB higher (measured).
 */
const PARSER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Threads that parse YAML, one per batch; each takes one batch and then stops. `close` stops any
 * that no batch needed.
 */
class ParserThreads {
  private readonly idle: { worker: Worker; failure?: Error }[];

  constructor(count: number) {
    this.idle = Array.from({ length: count }, () => {
      const thread: { worker: Worker; failure?: Error } = {
        worker: new Worker(new URL("./parseWorker.mjs", import.meta.url), { resourceLimits: PARSER_LIMITS }),
      };
      // Kept until a batch is handed over: a thread that fails while idle must not crash the process.
      thread.worker.on("error", (error) => (thread.failure ??= error));
      return thread;
    });
  }

  get count(): number {
    return this.idle.length;
  }

  /**
   * Parses one batch on an idle thread, which then stops; hands over each answer as it comes, in
   * the batch's order, and resolves once all have come.
   */
  parse(specs: readonly PlacedSpec[], answered: (answer: ParseAnswer) => void): Promise<void> {
    const thread = this.idle.pop();
    if (thread === undefined) return Promise.reject(new Error("no idle YAML parser thread left"));
    const { worker } = thread;
    return new Promise((resolve, reject) => {
      let answers = 0;
      worker.on("message", (answer: ParseAnswer) => {
        answered(answer);
        if (++answers < specs.length) return;
        resolve();
        void worker.terminate();
      });
      worker.on("error", reject);
      worker.once("exit", () => reject(thread.failure ?? new Error("a YAML parser thread stopped before answering")));
      if (thread.failure) reject(thread.failure);
      else worker.postMessage(specs);
    });
  }

  close(): void {
    for (const { worker } of this.idle.splice(0)) void worker.terminate();
  }
}

/**
 * Parses specs to plain data, YAML on parser threads (balanced by size, the largest first): the YAML
 * parser is the slowest step of a cold run. Hands each spec's data, or its syntax error, to
 * `parsed` as soon as it has it (`index` is the spec's place in `specs`), so the caller's work on a
 * spec overlaps the threads' parsing of the rest (neither callback may throw); resolves once every
 * spec is handed over. JSON specs are parsed first, on this thread; a syntax error, and a parser
 * thread that stops, go to `failed` like the threads' syntax errors.
 */
export async function parseSpecs(
  specs: readonly SpecText[],
  parsed: (index: number, data: unknown) => void,
  failed: (index: number, error: GeneratorError) => void,
): Promise<void> {
  const yaml: PlacedSpec[] = specs.flatMap((spec, index) => (spec.file.endsWith(".json") ? [] : [{ ...spec, index }]));
  const json = specs.flatMap((spec, index) => {
    if (!spec.file.endsWith(".json")) return [];
    try {
      return [{ index, data: parseJson(spec) }];
    } catch (error) {
      failed(index, error as GeneratorError);
      return [];
    }
  });
  if (yaml.length === 0) return json.forEach(({ index, data }) => parsed(index, data));
  // At most one thread per core, and per spec: each loads the YAML libraries, which costs a run that changed one spec.
  const parsers = new ParserThreads(Math.min(availableParallelism(), yaml.length));
  const batches = balanceBySize(yaml, Math.min(parsers.count, yaml.length), (spec) => spec.text.length);
  const answered = (answer: ParseAnswer) => {
    const { index } = answer;
    if ("json" in answer) return parsed(index, JSON.parse(answer.json));
    const { problem, fix, line, column, pointer } = answer.error;
    const place = pointer && pointer.length > 0 ? { pointer: pointerText(answer.file, pointer) } : {};
    failed(index, new GeneratorError({ file: answer.file, line, column, ...place }, problem, fix));
  };
  const parsing = batches.map((batch) =>
    parsers.parse(batch, answered).catch((error: Error) => {
      // A thread that dies (out of memory, say) has no answer to give: name the files it held, at the first one's place.
      const stopped = new GeneratorError(
        { file: batch.map((spec) => spec.file).join(", ") },
        `the YAML parser stopped while reading: ${error.message}`,
        "check these files for a very large or unusual document",
      );
      failed(Math.min(...batch.map((spec) => spec.index)), stopped);
    }),
  );
  parsers.close(); // the threads no batch needed
  // The JSON specs' work runs while the threads parse.
  json.forEach(({ index, data }) => parsed(index, data));
  await Promise.all(parsing);
}

function parseJson({ file, text }: SpecText): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // A text cut short has no position in the message: its end is the place.
    const offset = /end of JSON input/.test(message) ? text.length : Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const location = Number.isNaN(offset) ? { file } : { file, ...lineAndColumn(text, offset) };
    const problem = `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`;
    throw new GeneratorError(location, problem, "correct the JSON syntax at that position");
  }
  const repeated = repeatedKey(text);
  if (repeated) {
    const first = lineAndColumn(text, repeated.first);
    throw new GeneratorError(
      { file, ...lineAndColumn(text, repeated.offset) },
      `the key ${JSON.stringify(repeated.key)} appears twice in one object, first at ${first.line}:${first.column} (JSON.parse would silently keep only the last)`,
      "merge the two entries into one, or remove one of them",
    );
  }
  return data;
}

/** The first key that appears twice in one object of a valid JSON text, where it does and where it did first. */
function repeatedKey(text: string): { key: string; offset: number; first: number } | undefined {
  // The keys of each open object with their offsets; undefined for an array.
  const objects: (Map<string, number> | undefined)[] = [];
  let atKey = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (atKey) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        const keys = objects[objects.length - 1]!;
        const first = keys.get(key);
        if (first !== undefined) return { key, offset: index, first };
        keys.set(key, index);
        atKey = false;
      }
      index = end;
    } else if (char === "{" || char === "[") {
      objects.push(char === "{" ? new Map() : undefined);
      atKey = char === "{";
    } else if (char === "}" || char === "]") {
      objects.pop();
      atKey = false;
    } else if (char === ",") {
      atKey = objects[objects.length - 1] !== undefined;
    }
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
