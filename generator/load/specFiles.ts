import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { compareText } from "../ordering.js";

const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Whether a file name is a spec's by its extension (`.yaml`, `.yml`, `.json`). */
export function isSpecFileName(name: string): boolean {
  return SPEC_EXTENSIONS.has(extname(name));
}

/** Expands `--specs` arguments (folders or files) into a sorted, de-duplicated list of spec files. */
export function findSpecFiles(inputs: readonly string[]): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new GeneratorError(
        { file: input },
        "no such file or folder",
        "pass a spec file or a folder of specs to --specs",
      );
    }
    if (!stats.isDirectory()) {
      files.add(input);
      continue;
    }
    for (const name of readdirSync(input)) {
      if (isSpecFileName(name)) files.add(join(input, name));
    }
  }
  if (files.size === 0) {
    throw new GeneratorError(
      { file: inputs.join(", ") },
      "no spec files found",
      "add twilio_<domain>_<version>.yaml files or pass them with --specs",
    );
  }
  return [...files].sort(compareText);
}
