import { basename } from "node:path";
import { loadSpecs, readSpecTexts, type ParserThreads, type SpecText } from "../load/loadSpec.js";
import { buildSpecModel } from "../model/buildModel.js";
import type { SpecModel } from "../model/types.js";
import { contentHash, type ContentCache } from "./contentCache.js";

/** A spec's text with the hash that identifies it (its file name is part of it: names decide domains). */
export interface HashedSpec extends SpecText {
  hash: string;
}

export function readHashedSpecs(files: readonly string[]): HashedSpec[] {
  return readSpecTexts(files).map((spec) => ({ ...spec, hash: contentHash(basename(spec.file), spec.text) }));
}

/** Each spec's model, from the cache when the same file with the same text was modelled before. */
export function cachedModels(
  specs: readonly HashedSpec[],
  cache: ContentCache,
  threads: ParserThreads,
): Promise<SpecModel[]> {
  const keys = specs.map((spec) => contentHash("model", spec.file, spec.hash));
  const cached = keys.map((key) => cache.read(key));
  const missing = specs.filter((_spec, index) => cached[index] === undefined);
  const parsing = loadSpecs(missing, threads);
  // Parsed here, while worker threads parse the missing specs.
  const fromCache = cached.map((text) => (text === undefined ? undefined : (JSON.parse(text) as SpecModel)));
  return parsing.then((loaded) => {
    const built = new Map(loaded.map((spec) => [spec.file, buildSpecModel(spec)]));
    return specs.map((spec, index) => {
      const model = built.get(spec.file) ?? fromCache[index]!;
      if (fromCache[index] === undefined) cache.write(keys[index]!, JSON.stringify(model));
      return model;
    });
  });
}
