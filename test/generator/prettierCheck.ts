import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, getFileInfo, resolveConfig } from "prettier";

/**
 * The emitted files that prettier would change, checked with the settings the SDK folder carries
 * (its .prettierrc.json). The generator runs prettier only where its templates cannot promise
 * prettier's layout, so this is what proves the rest. Files prettier has no parser for (.gitignore)
 * have no layout to check.
 */
export async function filesPrettierWouldChange(out: string, files: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const path = join(out, file);
    if ((await getFileInfo(path)).inferredParser === null) continue;
    const options = await resolveConfig(path);
    if (!(await check(readFileSync(path, "utf8"), { ...options, filepath: path }))) changed.push(file);
  }
  return changed;
}
