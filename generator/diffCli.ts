import { UsageError } from "./util/diagnostics.js";

/** What the two diff commands (`spec-diff`, `sdk-diff`) share: their flags' values and exit codes. */
export const FORMATS = ["markdown", "json"] as const;
export const FAIL_ON = ["breaking", "additive", "none"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not ${value}`);
  return value as T;
}

/** Whether the report has a change at the `--fail-on` level (exit 1). */
export function failsOn(counts: { breaking: number; additive: number }, failOn: FailOn): boolean {
  if (failOn === "breaking") return counts.breaking > 0;
  if (failOn === "additive") return counts.breaking + counts.additive > 0;
  return false;
}

/** Writes the report to standard output, waiting for it: process.exit() could cut a long report. */
export function printReport(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
