import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SpecSeed } from "./specMutations.js";

/**
 * Small real specs of the pinned release, each with features worth breaking: JSON bodies (Messaging v2),
 * bearer auth, form bodies and If-Match-free updates, a prefixed map (Lookups), token paging (Flex v2).
 */
export const SEED_SPECS = [
  "twilio_messaging_v2.yaml",
  "twilio_frontline_v1.yaml",
  "twilio_oauth_v1.yaml",
  "twilio_chat_v3.yaml",
  "twilio_lookups_v1.yaml",
  "twilio_flex_v2.yaml",
];

export function readSeeds(corpus: string): SpecSeed[] {
  return SEED_SPECS.map((name) => ({ name, text: readFileSync(join(corpus, name), "utf8") }));
}
