import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { GeneratorError } from "../util/diagnostics.js";
import { compareText } from "../util/ordering.js";

const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Whether a file name is a spec's by its extension (`.yaml`, `.yml`, `.json`). */
export function isSpecFileName(name: string): boolean {
  return SPEC_EXTENSIONS.has(extname(name));
}

/** A spec's name: its file name without the extension (`twilio_notes_v1`), which names its output files. */
export function specName(file: string): string {
  return basename(file).replace(/\.(ya?ml|json)$/, "");
}

/**
 * Expands `--specs` arguments (folders or files) into a sorted, de-duplicated list of spec files.
 * Two files of one name (`twilio_notes_v1.yaml` beside `twilio_notes_v1.json`, or in two folders)
 * would write the same output files: a located error naming both.
 */
export function findSpecFiles(inputs: readonly string[]): string[] {
  // Each file once, however it is spelt (`specs/a.yaml`, `./specs/a.yaml`): by its absolute path.
  const found = new Map<string, string>();
  const add = (file: string) => {
    if (!found.has(resolve(file))) found.set(resolve(file), file);
  };
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
      add(input);
      continue;
    }
    for (const name of readdirSync(input)) {
      if (isSpecFileName(name)) add(join(input, name));
    }
  }
  if (found.size === 0) {
    throw new GeneratorError(
      { file: inputs.join(", ") },
      "no spec files found",
      "add twilio_<domain>_<version>.yaml files or pass them with --specs",
    );
  }
  const sorted = [...found.values()].sort(compareText);
  checkOneFilePerName(sorted);
  return sorted;
}

function checkOneFilePerName(files: readonly string[]): void {
  // Apart from case too: on a case-insensitive file system the output files would be one.
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = specName(file);
    const first = byName.get(name.toLowerCase());
    if (first === undefined) byName.set(name.toLowerCase(), file);
    else
      throw new GeneratorError(
        { file },
        `this spec and ${first} have the same name, ${name}${specName(first) === name ? "" : " (apart from case)"}: the output named after a spec (its schemas module) would hold only one of them`,
        "remove one of the two files, or give one a twilio_<domain>_<version> name of its own",
      );
  }
}
