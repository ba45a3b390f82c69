/**
 * The cache wraps stages from outside: generate.ts hands it a stage's inputs and the stage itself,
 * and it knows no stage. Entries live in a ContentCache (contentCache.ts), one folder per generator
 * fingerprint (fingerprint.ts).
 */
import { contentHash } from "../util/contentHash.js";
import type { ContentCache } from "./contentCache.js";

/** How one stage's outputs are kept: what identifies an input, and how an output is stored as text. */
export interface StageCaching<Input, Output> {
  /** The stage's name, part of every key: two stages never share an entry. */
  stage: string;
  /** The whole input as text (or its hash): everything the stage may read of it. */
  key: (input: Input) => string;
  encode: (output: Output) => string;
  decode: (text: string) => Output;
}

/**
 * Tells the cache an output as soon as the stage has made it (`index` is its input's place among
 * those the stage was given), with its text where the stage has it already, so that the entry is
 * written then, not after the whole stage.
 */
export type MadeOutput<Output> = (index: number, output: Output, text?: string) => void;

/**
 * Wraps a stage from outside: runs `run` on the inputs whose output the cache does not hold, and
 * gives every input's output in input order. An entry is keyed by the hash of the stage's typed
 * input, so it is reused exactly when the stage would be given the same input again (and, through
 * the cache's generator fingerprint, run by the same generator, templates and tools).
 */
export async function cachedStage<Input, Output>(
  cache: ContentCache,
  inputs: readonly Input[],
  caching: StageCaching<Input, Output>,
  run: (missing: Input[], made: MadeOutput<Output>) => Promise<Output[]>,
): Promise<Output[]> {
  const keys = inputs.map((input) => contentHash(caching.stage, caching.key(input)));
  const texts = keys.map((key) => cache.read(key));
  const places = (wanted: (index: number) => boolean) =>
    inputs.flatMap((_input, index) => (wanted(index) ? [index] : []));
  const missing = places((index) => texts[index] === undefined);
  const running = missing.length === 0 ? Promise.resolve([]) : runKept(cache, keys, caching, missing, inputs, run);
  // Decoded here, while `run` may be working on other threads. An entry that does not decode
  // (damaged on disk) is computed again, as if it were missing: the cache only saves time.
  const cached = texts.map((text) => (text === undefined ? undefined : decoded(caching, text)));
  const damaged = places((index) => texts[index] !== undefined && cached[index] === undefined);
  const computed = await running;
  const recomputed = damaged.length === 0 ? [] : await runKept(cache, keys, caching, damaged, inputs, run);
  let next = 0;
  let nextDamaged = 0;
  return inputs.map((_input, index) => {
    const hit = cached[index];
    if (hit) return hit.output;
    return texts[index] === undefined ? computed[next++]! : recomputed[nextDamaged++]!;
  });
}

/** `run` on the inputs at `places`, each output's entry written as soon as it is made (or else at the end). */
async function runKept<Input, Output>(
  cache: ContentCache,
  keys: readonly string[],
  caching: StageCaching<Input, Output>,
  places: readonly number[],
  inputs: readonly Input[],
  run: (missing: Input[], made: MadeOutput<Output>) => Promise<Output[]>,
): Promise<Output[]> {
  const kept = new Set<number>();
  const keep = (index: number, output: Output, text?: string) => {
    if (kept.has(index)) return;
    kept.add(index);
    cache.write(keys[places[index]!]!, text ?? caching.encode(output));
  };
  const outputs = await run(
    places.map((place) => inputs[place]!),
    keep,
  );
  outputs.forEach((output, index) => keep(index, output));
  return outputs;
}

function decoded<Output>(
  caching: Pick<StageCaching<never, Output>, "decode">,
  text: string,
): { output: Output } | undefined {
  try {
    return { output: caching.decode(text) };
  } catch {
    return undefined;
  }
}
