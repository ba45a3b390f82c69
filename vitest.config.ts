import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { LongFilesFirst } from "./test/support/sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Two files at once even on two cores (vitest's default there is one): many files wait on child
    // processes, servers and installs, and the suite's wall time is what CI's budget counts.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    // The long files start first (shuffled among themselves under --sequence.shuffle): see sequencer.ts.
    sequence: { sequencer: LongFilesFirst },
    globalSetup: ["test/support/globalSetup.ts"],
    reporters: ["default", "./test/support/skippedReporter.ts"],
  },
});
