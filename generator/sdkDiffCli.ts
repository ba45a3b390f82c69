import { writeFileSync } from "node:fs";
import { commandName, parseCommandLine, usageCommand, type Command } from "./util/commandLine.js";
import { UsageError } from "./util/diagnostics.js";
import { FAIL_ON, failsOn, FORMATS, oneOf, printReport } from "./diffCli.js";

const usage = () => `Usage: ${usageCommand(commandName("sdk-diff"))} --from OLD_SDK --to NEW_SDK [options]

Compares the public API of two generated SDK trees (read with the TypeScript checker): entry points
and exports, classes, methods, fields, option names and types, and where \`ifMatch\` and \`mutate()\`
are offered, each change breaking or additive. Unlike spec-diff it also sees what an upgrade of the
generator itself changes.

Options:
  --from TREE        the old SDK: a folder, or a git REF:PATH such as main:generated (required)
  --to TREE          the new SDK: a folder, or a git REF:PATH (required)
  --format FORMAT    markdown or json (default: markdown)
  --fail-on LEVEL    exit 1 when there is a change of this level: breaking, additive (any change)
                     or none (default: none)
  --out FILE         write the report to FILE instead of standard output: in Markdown, a summary
                     that fits a GitHub job summary (under 512 KiB, no line over 2,000 characters)
  --details FILE     also write the whole report in Markdown to FILE, every change and line whole
  --help             show this help

Exit codes: 0 report written, 1 --fail-on matched, 2 bad arguments.`;

export const sdkDiffCommand: Command = { usage, run };

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      from: { type: "string" },
      to: { type: "string" },
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
  const started = performance.now();
  // Loaded only now: ts-morph and TypeScript take a while, and --help and argument errors answer at once.
  const { sdkDiff } = await import("./sdkDiff/sdkDiff.js");
  const { sdkChangeReport } = await import("./sdkDiff/renderSdkReport.js");
  const { reportTexts } = await import("./changeReport/renderChangeReport.js");
  const report = sdkDiff(values.from, values.to);
  const labels = { from: values.from, to: values.to };
  const texts = reportTexts(sdkChangeReport(report, labels), report, { format, details: values.details });
  if (values.details) writeFileSync(values.details, texts.details!);
  if (values.out) writeFileSync(values.out, texts.report);
  else await printReport(texts.report);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  console.error(
    `sdk-diff: ${report.breaking} breaking, ${report.additive} additive changes` +
      `${values.out ? `; report in ${values.out}` : ""} (${seconds} s)`,
  );
  return failsOn(report, failOn) ? 1 : 0;
}
