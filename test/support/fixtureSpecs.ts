/** Facts about our own feature specs, counted from their text rather than by the generator under test. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const FIXTURE_SPECS = resolve("test/fixtures/specs");

/** The operations the specs declare: one `operationId` each. */
export function fixtureOperationCount(folder = FIXTURE_SPECS): number {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .reduce((count, name) => count + readFileSync(join(folder, name), "utf8").match(/^\s+operationId:/gm)!.length, 0);
}
