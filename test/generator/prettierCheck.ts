import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { check, getSupportInfo, resolveConfig } from "prettier";

/**
 * The files of an emitted tree that prettier would change, checked in-process with the settings
 * the tree carries (its .prettierrc.json, resolved once) and the parser prettier picks for each
 * file's name. The generator lays code out itself (render/codeLayout.ts), so this is what proves
 * the layout. Files prettier has no parser for (.gitignore) have no layout to check.
 */
export async function filesPrettierWouldChange(out: string, files: readonly string[]): Promise<string[]> {
  const options = (await resolveConfig(join(out, "index.ts"))) ?? {};
  const parserOf = await parsers();
  const changed: string[] = [];
  for (const file of files) {
    const parser = parserOf.get(basename(file)) ?? parserOf.get(extname(file));
    if (parser && !(await check(readFileSync(join(out, file), "utf8"), { ...options, parser }))) changed.push(file);
  }
  return changed;
}

/** Prettier's parser for each file name it knows (`package.json`) and each extension (`.ts`). */
async function parsers(): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  const byExtension = new Map<string, string>();
  for (const language of (await getSupportInfo()).languages) {
    const [parser] = language.parsers;
    if (!parser) continue;
    for (const name of language.filenames ?? []) if (!byName.has(name)) byName.set(name, parser);
    for (const extension of language.extensions ?? [])
      if (!byExtension.has(extension)) byExtension.set(extension, parser);
  }
  return new Map([...byExtension, ...byName]);
}
