/**
 * Names every skipped test in one line at the end of a run. Only tests about Twilio's older releases
 * skip, locally, when ../shared/twilio-oai is absent (under CI=true they fail instead): the line says
 * which, rather than a count alone.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SkippedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((module) =>
      [...module.children.allTests()]
        .filter((test) => test.result().state === "skipped")
        .map((test) => `${module.moduleId.replace(/^.*?\/test\//, "test/")} › ${test.fullName}`),
    );
    if (skipped.length === 0) return;
    console.log(`\n${skipped.length} skipped (they need ../shared/twilio-oai): ${skipped.join("; ")}`);
  }
}
