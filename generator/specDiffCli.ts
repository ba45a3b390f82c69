import { existsSync, writeFileSync } from "node:fs";
import { commandName, parseCommandLine, usageCommand, type Command } from "./util/commandLine.js";
import { UsageError } from "./util/diagnostics.js";
import { FAIL_ON, failsOn, FORMATS, oneOf, printReport } from "./diffCli.js";

const usage = () => `Usage: ${usageCommand(commandName("spec-diff"))} --from OLD_SPECS --to NEW_SPECS [options]

Compares the resource models of two spec sets and reports what the update changes in the SDK:
services, versions, resources, operations, parameters and response fields added, removed or
changed, and If-Match / ETag support gained or lost per operation, each breaking or additive.

Options:
  --from PATH        the old specs: a spec file or a folder of specs; repeatable (required)
  --to PATH          the new specs: a spec file or a folder of specs; repeatable (required)
  --format FORMAT    markdown or json (default: markdown)
  --fail-on LEVEL    exit 1 when there is a change of this level: breaking, additive (any change)
                     or none (default: none)
  --out FILE         write the report to FILE instead of standard output: in Markdown, a summary
                     that fits a GitHub job summary (under 512 KiB, no line over 2,000 characters)
  --details FILE     also write the whole report in Markdown to FILE, every change and line whole
  --help             show this help

Exit codes: 0 report written, 1 --fail-on matched, 2 bad arguments or specs.`;

export const specDiffCommand: Command = { usage, run };

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      from: { type: "string", multiple: true },
      to: { type: "string", multiple: true },
      format: { type: "string", default: "markdown" },
      "fail-on": { type: "string", default: "none" },
      out: { type: "string" },
      details: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const format = oneOf("--format", values.format, FORMATS);
  const failOn = oneOf("--fail-on", values["fail-on"], FAIL_ON);
  if (!values.from || !values.to) throw new UsageError("both --from and --to are required");
  for (const [option, paths] of [
    ["--from", values.from],
    ["--to", values.to],
  ] as const) {
    const missing = paths.find((path) => !existsSync(path));
    if (missing !== undefined) throw new UsageError(`${option} ${missing}: no such file or folder`);
  }
  const started = performance.now();
  // Loaded only now, so that --help and argument errors answer at once.
  const { specDiff } = await import("./specDiff/specDiff.js");
  const { specChangeReport } = await import("./specDiff/renderReport.js");
  const { reportTexts } = await import("./changeReport/renderChangeReport.js");
  const report = await specDiff(values.from, values.to);
  const texts = reportTexts(specChangeReport(report), report, { format, details: values.details });
  if (values.details) writeFileSync(values.details, texts.details!);
  if (values.out) writeFileSync(values.out, texts.report);
  else await printReport(texts.report);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  console.error(
    `spec-diff: ${report.breaking} breaking, ${report.additive} additive changes` +
      `${values.out ? `; report in ${values.out}` : ""} (${seconds} s)`,
  );
  return failsOn(report, failOn) ? 1 : 0;
}
