import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { commandName, parseCommandLine, usageCommand, type Command } from "./util/commandLine.js";
import { commandsHelp } from "./commands.js";
import { defaultSpecs } from "./defaultSpecs.js";
import { formatDiagnostic, UsageError } from "./util/diagnostics.js";
import { PROJECT_ROOT } from "./util/projectRoot.js";
import { RUN_FOLDER } from "./emit/runJournal.js";
import type { GenerateResult } from "./generate.js";

type UnifiedDiff = typeof import("./emit/unifiedDiff.js").unifiedDiff;

/** What the user runs: `npm run generate`, or the installed bin (whose default command this is). */
const COMMAND = commandName("generate");

function usage(): string {
  const viaNpm = COMMAND.startsWith("npm run ");
  const usageLine = viaNpm ? `${usageCommand(COMMAND)} [options]` : `${COMMAND} [generate] [options]`;
  return `Usage: ${usageLine}

Generates a typed TypeScript SDK from Twilio OpenAPI specs.

Options:
  --specs PATH     a spec file or a folder of specs; repeatable (default: the twilio-oai release
                   the lock pins, specs/twilio-oai/, checked against the lock at each run and
                   fetched when missing or when the lock moved, plus the spec files directly
                   under specs/; a project without a lock: specs/)
  --out DIR        where the SDK is written, a folder of its own (default: generated)
  --package-name NAME        the SDK's npm package name (default: twilio-etag-sdk)
  --package-version VERSION  the SDK's version (default:
                             <spec release>-etag.<generator version>.content-<hash>, the spec
                             release being the lock's tag, or 0.0.0 with --specs or without a
                             lock, the hash 12 hex digits of a sha256 of the SDK's files)
  --check          write nothing; exit 1 listing files that would be added, changed or removed,
                   with a diff of the first few, or the leftovers of an interrupted run
  --force          write into a non-empty folder that no previous run wrote, replacing files there
                   that no previous run wrote (both refused otherwise)
  --wait SECONDS   how long to wait for another run writing the same output folder (default: 120)
  --report FILE    write a JSON summary (specs, operations, If-Match operations, ETag responses)
  --cache-dir DIR  where unchanged work is remembered (default: node_modules/.cache/twilio-etag-sdk)
  --no-cache       run without the cache
  --help           show this help

${commandsHelp()}`;
}

const DEFAULT_CACHE = join(PROJECT_ROOT, "node_modules", ".cache", "twilio-etag-sdk");

export const generateCommand: Command = { usage, run, afterError: "nothing was written." };

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      specs: { type: "string", multiple: true },
      out: { type: "string", default: "generated" },
      check: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      wait: { type: "string", default: "120" },
      report: { type: "string" },
      "package-name": { type: "string" },
      "package-version": { type: "string" },
      "cache-dir": { type: "string", default: DEFAULT_CACHE },
      "no-cache": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const started = performance.now();
  // Loaded only now: the pipeline pulls in the YAML parsers, handlebars and prettier/doc; --help needs none.
  const { generate } = await import("./generate.js");
  const progress = process.stderr.isTTY;
  const specs = values.specs ? { specs: values.specs } : await defaultSpecs(process.cwd(), logLine);
  const result = await generate({
    specs: specs.specs,
    out: values.out,
    check: values.check,
    force: values.force,
    lockWaitMs: secondsOption("--wait", values.wait) * 1000,
    cacheDir: values["no-cache"] ? undefined : values["cache-dir"],
    package: { name: values["package-name"], version: values["package-version"], specRelease: specs.specRelease },
    onSpec: (model) => progress && process.stderr.write(`  ${model.name}: ${model.operationCount} operations\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  if (values.report)
    writeFileSync(
      values.report,
      JSON.stringify({ ...result.report, files: result.files, seconds: round(seconds) }, null, 2) + "\n",
    );
  // The diff library (a score of modules) loads only when --check has differences to show.
  const differences = result.changes.differences?.length ? await import("./emit/unifiedDiff.js") : undefined;
  console.log(summary(result, values.out, values.check, seconds, differences?.unifiedDiff));
  if (!values.check) return 0;
  const { added, changed, removed, interrupted } = result.changes;
  return interrupted || added.length + changed.length + removed.length > 0 ? 1 : 0;
}

function summary(
  { report, changes, files }: GenerateResult,
  out: string,
  check: boolean,
  seconds: number,
  unifiedDiff?: UnifiedDiff,
): string {
  const lines = [
    `specs:                ${report.specs}`,
    `resources:            ${report.resources}`,
    `operations:           ${report.operations}`,
    `If-Match operations:  ${report.ifMatchOperations.length}`,
    `ETag responses:       ${report.etagResponses.length}`,
  ];
  const stale = [
    ...changes.added.map((f) => `  added:   ${f}`),
    ...changes.changed.map((f) => `  changed: ${f}`),
    ...changes.removed.map((f) => `  removed: ${f}`),
  ];
  const warnings = report.warnings.map((warning) => `warning: ${formatDiagnostic(warning)}`);
  if (!check) {
    lines.push(
      `files written:        ${changes.added.length + changes.changed.length} (${changes.unchanged} unchanged, ${changes.removed.length} stale removed) in ${out}`,
      `seconds:              ${round(seconds)}`,
      ...warnings,
    );
    return lines.join("\n");
  }
  if (changes.interrupted)
    lines.push(`${out} holds the leftovers of an interrupted run (${RUN_FOLDER}); run ${COMMAND} to complete it`);
  if (stale.length > 0) lines.push(`${out} is stale: ${stale.length} of ${files} files differ; run ${COMMAND}`);
  else if (!changes.interrupted) lines.push(`${out} is up to date (${files} files)`);
  lines.push(...stale, `seconds:              ${round(seconds)}`, ...warnings);
  for (const { path, before, after } of changes.differences ?? []) {
    // Named as git names them: a/ + the path (of an absolute path, without its leading slash).
    const name = join(out, path).replace(/^\/+/, "");
    lines.push("", unifiedDiff!(name, before, after, { maxLines: DIFF_LINES }));
  }
  return lines.join("\n");
}

/** Lines of diff shown per file under --check: enough to see what drifted, short enough for a CI log. */
const DIFF_LINES = 40;

function secondsOption(option: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0)
    throw new UsageError(`${option} takes a number of seconds (0 or more), not ${JSON.stringify(value)}`);
  return number;
}

function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
