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
 * Wraps a stage from outside: runs `run` on the inputs whose output the cache does not hold, and
 * gives every input's output in input order. An entry is keyed by the hash of the stage's typed
 * input, so it is reused exactly when the stage would be given the same input again (and, through
 * the cache's generator fingerprint, run by the same generator, templates and tools).
 */
export async function cachedStage<Input, Output>(
  cache: ContentCache,
  inputs: readonly Input[],
  caching: StageCaching<Input, Output>,
  run: (missing: Input[]) => Promise<Output[]>,
): Promise<Output[]> {
  const keys = inputs.map((input) => contentHash(caching.stage, caching.key(input)));
  const texts = keys.map((key) => cache.read(key));
  const missing = inputs.filter((_input, index) => texts[index] === undefined);
  const running = missing.length === 0 ? Promise.resolve([]) : run(missing);
  // Decoded here, while `run` may be working on other threads. An entry that does not decode
  // (damaged on disk) is computed again, as if it were missing: the cache only saves time.
  const cached = texts.map((text) => (text === undefined ? undefined : decoded(caching, text)));
  const damaged = inputs.filter((_input, index) => texts[index] !== undefined && cached[index] === undefined);
  const computed = await running;
  const recomputed = damaged.length === 0 ? [] : await run(damaged);
  let next = 0;
  let nextDamaged = 0;
  return inputs.map((_input, index) => {
    const hit = cached[index];
    if (hit) return hit.output;
    const output = texts[index] === undefined ? computed[next++]! : recomputed[nextDamaged++]!;
    cache.write(keys[index]!, caching.encode(output));
    return output;
  });
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
