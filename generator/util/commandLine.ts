/**
 * What every command of the generator shares on its command line: parsing into one-line usage errors
 * (a missing value, an unknown option with the nearest known one), refusing a `~` no shell expanded,
 * and the name the user runs the command by, for help and hints.
 */
import { basename } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./diagnostics.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What each command module exports. */
export interface Command {
  /** The help text, naming the command as the user runs it. */
  usage(): string;
  /** Runs with the arguments after the command's name; the exit code. */
  run(argv: string[]): Promise<number>;
  /** Said after an input error's message, e.g. that nothing was written. */
  afterError?: string;
}

/** `parseArgs` whose mistakes are UsageErrors of one line; string values are checked for `~`. */
export function parseCommandLine<const T extends { args: string[]; options: Options; allowPositionals?: boolean }>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw usageError(error, Object.keys(config.options));
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    for (const text of [value].flat()) if (typeof text === "string") refuseUnexpandedHome(`--${name}`, text);
  }
  return parsed;
}

function usageError(error: unknown, known: readonly string[]): unknown {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : "";
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const nearest = nearestOption(option.replace(/=.*$/, ""), known);
    return new UsageError(`unknown option ${option}${nearest ? `; did you mean --${nearest}?` : ""}`);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return new UsageError(
      message.includes("argument missing") ? `${option} needs a value` : `${option} takes no value`,
    );
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new UsageError(`unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}`.trim());
  }
  return error;
}

/** The known option closest to `given` (`--ot` → `out`), when close enough to be a slip. */
export function nearestOption(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, "").toLowerCase();
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = name.length > 0 && option.startsWith(name) ? 1 : editDistance(name, option);
    if (distance <= Math.max(2, Math.floor(option.length / 3)) && (!best || distance < best.distance)) {
      best = { option, distance };
    }
  }
  return best?.option;
}

/** Levenshtein distance, on strings as short as option names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `--out "~"` or `"~/sdk"`: quoted, the shell left the `~`, which would become a folder named `~`. */
function refuseUnexpandedHome(option: string, value: string): void {
  if (value !== "~" && !value.startsWith("~/")) return;
  throw new UsageError(
    `${option} ${value}: no shell expanded the "~" (it was quoted, or came from a script), so it would ` +
      `name a folder "~" here; give the path itself, e.g. "$HOME${value.slice(1)}"`,
  );
}

/** The generator's bin, and its package's name. */
export const BIN = "twilio-etag-sdk-generator";

/** This project's npm scripts that run a command of the generator. */
const SCRIPTS = new Set(["generate", "specs", "spec-diff", "sdk-diff"]);

/**
 * How the user runs the generator's `command` (generate, specs, spec-diff, sdk-diff): `npm run <command>`
 * from this project's npm scripts, else the installed bin, `twilio-etag-sdk-generator <command>`; so that
 * help and hints name what they actually have. `generate`, the bin's default, is the bin alone.
 */
export function commandName(command: string): string {
  const viaBin = basename(process.argv[1] ?? "").startsWith(BIN);
  const script = process.env.npm_lifecycle_event;
  const viaNpm = process.env.npm_package_name === BIN && script !== undefined && SCRIPTS.has(script);
  if (viaNpm || !viaBin) return `npm run ${command}`;
  return command === "generate" ? BIN : `${BIN} ${command}`;
}

/** The usage line's command: options follow `--` under npm. */
export function usageCommand(command: string): string {
  return command.startsWith("npm run ") ? `${command} --` : command;
}

/** What the user types before `command`'s options: `npm run specs --`, or `twilio-etag-sdk-generator specs`. */
export function commandPrefix(command: string): string {
  return usageCommand(commandName(command));
}
