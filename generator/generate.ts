import { fileURLToPath } from "node:url";
import { compareOutput, writeOutput, type OutputChanges } from "./emit/writeOutput.js";
import { formatFiles } from "./emit/formatFiles.js";
import { loadSpec } from "./load/loadSpec.js";
import { findSpecFiles } from "./load/specFiles.js";
import { buildSpecModel } from "./model/buildModel.js";
import type { SpecModel } from "./model/types.js";
import { planSdk } from "./plan/planSdk.js";
import { renderFiles } from "./render/renderFiles.js";
import { loadTemplates } from "./render/templates.js";
import { buildReport, type SpecReport } from "./report/buildReport.js";

export interface GenerateOptions {
  specs: string[];
  out: string;
  /** Compare only: write nothing. */
  check: boolean;
  onSpec?: (model: SpecModel) => void;
}

export interface GenerateResult {
  report: SpecReport;
  changes: OutputChanges;
  files: number;
}

const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));
const RUNTIME = fileURLToPath(new URL("../runtime", import.meta.url));
const STATIC = fileURLToPath(new URL("../templates/static", import.meta.url));

/**
 * The whole pipeline: spec files → loaded documents → resource model → plan → rendered text →
 * formatted files. Every stage finishes before anything is written, so a failing run writes nothing.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const models = findSpecFiles(options.specs).map((file) => {
    const model = buildSpecModel(loadSpec(file));
    options.onSpec?.(model);
    return model;
  });
  const plan = planSdk(models, RUNTIME, STATIC);
  const rendered = renderFiles(plan.files, loadTemplates(TEMPLATES));
  const formatted = await formatFiles(rendered);
  const changes = compareOutput(options.out, formatted);
  if (!options.check) writeOutput(options.out, formatted, changes);
  return { report: buildReport(models), changes, files: formatted.length };
}
