import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project folder (templates/, runtime/, node_modules/), found from this module's location
 * whether the CLI runs from generator/ or from its compiled copy under node_modules/.cache.
 */
function findProjectRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, "templates", "resource.ts.hbs")) && existsSync(join(folder, "package.json"))) {
      return folder;
    }
    if (dirname(folder) === folder) throw new Error("cannot find the generator's templates/ folder");
  }
}

export const PROJECT_ROOT = findProjectRoot();
