import { loadSpecs, readSpecTexts } from "../load/loadSpec.js";
import { findSpecFiles } from "../load/specFiles.js";
import { buildSpecModel } from "../model/buildModel.js";
import type { SpecModel } from "../model/types.js";

/**
 * The resource models of two spec sets, with the generator's own loader and model builder. Both sets
 * are parsed in one batch, so the parsing workers share the work of both.
 */
export async function loadSpecSets(
  before: readonly string[],
  after: readonly string[],
): Promise<{ before: SpecModel[]; after: SpecModel[] }> {
  const oldTexts = readSpecTexts(findSpecFiles(before));
  const newTexts = readSpecTexts(findSpecFiles(after));
  const models = (await loadSpecs([...oldTexts, ...newTexts])).map(buildSpecModel);
  return { before: models.slice(0, oldTexts.length), after: models.slice(oldTexts.length) };
}
