import { afterEach, describe, expect, it, vi } from "vitest";
import { realSpecsAbsent } from "./corpus.js";

// Tests that need Twilio's real specs skip with a warning locally; CI provides the specs, so there a
// missing folder is an error, not a quiet skip.
describe("realSpecsAbsent", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("fails under CI=true, naming what is missing", () => {
    vi.stubEnv("CI", "true");
    expect(() => realSpecsAbsent("corpus tests", "../shared/twilio-oai is absent")).toThrow(
      /^corpus tests: \.\.\/shared\/twilio-oai is absent, and CI \(CI=true\) must provide/,
    );
  });

  it("warns and lets the test skip elsewhere", () => {
    vi.stubEnv("CI", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(realSpecsAbsent("corpus tests", "../shared/twilio-oai is absent")).toBeUndefined();
    expect(warn).toHaveBeenCalledWith("corpus tests skipped: ../shared/twilio-oai is absent");
    warn.mockRestore();
  });
});
