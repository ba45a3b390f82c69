/**
 * Runs once before the test files: makes specs/twilio-oai/ hold the pinned release, exactly as
 * `npm run generate` does (fetched when missing or when the lock moved, refused when edited), so
 * that the tests of the real specs run on a fresh clone with nothing beside it. A failure stops the
 * run with the generator's own message: those tests fail, they are never skipped.
 */
import { defaultSpecs } from "../../generator/defaultSpecs.js";
import { REPO_ROOT } from "./corpus.js";

export default async function setup(): Promise<void> {
  await defaultSpecs(REPO_ROOT, (line) => console.log(`test set-up: ${line}`));
}
