import { apiSurface } from "./apiSurface.js";
import { compareSurfaces } from "./compareSurfaces.js";
import { buildDiffReport, type SpecDiffReport } from "./diffReport.js";
import { loadSpecSets } from "./loadSpecSets.js";

/** Compares the resource models of two spec sets (each a spec file or folder, or several). */
export async function specDiff(from: readonly string[], to: readonly string[]): Promise<SpecDiffReport> {
  const models = await loadSpecSets(from, to);
  const before = apiSurface(models.before);
  const after = apiSurface(models.after);
  return buildDiffReport({ from: from.join(", "), to: to.join(", ") }, before, after, compareSurfaces(before, after));
}
