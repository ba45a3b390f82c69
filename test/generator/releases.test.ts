import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { CORPUS_LOCATION, REPO_ROOT } from "../support/corpus.js";
import { typeCheck } from "./typeCheck.js";

/**
 * The twilio-oai releases beside the checkout, each with its own layouts: two spec files for one
 * version and a path without a version segment (1.56.1, 2.0.3), two resources' operations on one path
 * (1.30.0), and the newest release (2.6.7), past the pinned one that corpus.test.ts checks more closely.
 */
const RELEASES: [folder: string, tag: string, specs: number, operations: number][] = [
  ["2022-06-29", "1.30.0", 36, 1185],
  ["2024-06-06", "1.56.1", 42, 1381],
  ["2024-08-26", "2.0.3", 46, 1436],
  ["2025-01-13", "2.1.10", 49, 1451],
  ["2026-04-14", "2.6.7", 55, 1447],
];

// Locally an absent release skips; in CI it fails, so a lost folder never passes unnoticed.
const required = process.env.CI === "true";

describe.each(RELEASES)("twilio-oai release of %s (%s)", (folder, _tag, specs, operations) => {
  const location = join(REPO_ROOT, CORPUS_LOCATION, folder);
  const present = existsSync(location);

  it.skipIf(!present && !required)(
    `generates all ${specs} specs (${operations} operations) into an SDK that type-checks strictly`,
    async () => {
      expect(present, `${CORPUS_LOCATION}/${folder} is missing`).toBe(true);
      const out = mkdtempSync(join(tmpdir(), `sdk-release-${folder}-`));
      try {
        const { report } = await generate({ specs: [location], out, check: false });
        expect([report.specs, report.operations]).toEqual([specs, operations]);
        expect(typeCheck(join(out, "index.ts"))).toEqual([]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
