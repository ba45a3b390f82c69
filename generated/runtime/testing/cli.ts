/**
 * The `twilio-etag-sdk-double` command: the double over HTTP until killed. Prints one line,
 * `listening <url>`, once it accepts requests; `--port` and `--require-if-match` set it up.
 */
import { nearestKey } from "../callArguments.js";
import { checkedPattern } from "./control.js";
import type { DoubleOptions, TwilioDouble } from "./double.js";

/** The parts of Node's `process` the command uses, typed here (the SDK has no Node types). */
interface NodeProcess {
  argv: string[];
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  exitCode?: number;
  once(signal: "SIGINT" | "SIGTERM", listener: () => void): void;
}

const USAGE = `usage: twilio-etag-sdk-double [--port N] [--host H] [--require-if-match[=PATTERN,...]] [--seed N]

Serves a stateful Twilio double: https://<label>.twilio.com/<path> is <url>/<label>/<path>.
  --port N                 the port (default: a free one)
  --host H                 the address (default 127.0.0.1)
  --require-if-match       writes without If-Match answer 428 where the spec declares If-Match
  --require-if-match=P,... ... or on the paths matching these patterns: /v1/Services/* (* one segment, ** any)
  --seed N                 seeds the SIDs (default 1)
`;

const FLAGS = ["--port", "--host", "--require-if-match", "--seed", "--help"];

/** The command's settings from its arguments, or the reason they are wrong. */
export function doubleCliSettings(args: readonly string[]) {
  const options: DoubleOptions = {};
  const listen: { port?: number; host?: string } = {};
  const number = (name: string, text: string | undefined, max: number) => {
    if (text === undefined || !/^\d{1,10}$/.test(text) || Number(text) > max) {
      throw new RangeError(`${name} takes a whole number up to ${max}, got ${text ?? "nothing"}`);
    }
    return Number(text);
  };
  for (let index = 0; index < args.length; index += 1) {
    const [flag, inline] = args[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++index];
    if (flag === "--port") listen.port = number("--port", value(), 65535);
    else if (flag === "--host") listen.host = address(value());
    else if (flag === "--seed") options.seed = number("--seed", value(), 2 ** 32 - 1);
    else if (flag === "--require-if-match") options.requireIfMatch = ifMatchPaths(inline, args[index + 1]);
    else if (flag === "--help" || flag === "-h") return { help: true as const };
    else throw new RangeError(`unknown argument ${flag}${suggestion(flag)}`);
  }
  return { options, listen };
}

function address(text: string | undefined): string {
  if (text === undefined || text === "") throw new RangeError(`--host takes an address, got ${text ?? "nothing"}`);
  return text;
}

/** `--require-if-match` alone (true) or `=P,...`, each P a path pattern; `next` is the argument after it. */
function ifMatchPaths(inline: string | undefined, next: string | undefined): true | string[] {
  const spell = (pattern: string) => `--require-if-match=${pattern}`;
  if (inline === "") {
    throw new RangeError(
      `--require-if-match= names no pattern: use --require-if-match alone (where the spec declares If-Match) or ${spell("/v1/...")}`,
    );
  }
  if (inline === undefined) {
    // Patterns after a space would be read as arguments of their own: say where they go.
    if (next !== undefined && !next.startsWith("-") && /[/*]/.test(next)) {
      throw new RangeError(`--require-if-match takes its patterns after "=": use ${spell(next)}`);
    }
    return true;
  }
  return inline.split(",").map((pattern) => {
    try {
      return checkedPattern(pattern, "--require-if-match", spell) as string;
    } catch (error) {
      throw new RangeError((error as Error).message);
    }
  });
}

/** `: did you mean --port?` for a flag a letter or two from a known one, else nothing. */
function suggestion(flag: string): string {
  const near = nearestKey(flag, FLAGS);
  return near === undefined ? "" : `: did you mean ${near}?`;
}

/** Runs the command with `create` (the SDK's createTwilioDouble): listens, prints the URL, closes on a signal. */
export async function runDoubleCli(create: (options?: DoubleOptions) => TwilioDouble): Promise<void> {
  const process = (globalThis as { process?: NodeProcess }).process!;
  let settings: ReturnType<typeof doubleCliSettings>;
  try {
    settings = doubleCliSettings(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if ("help" in settings) {
    process.stdout.write(USAGE);
    return;
  }
  const served = await create(settings.options).listen(settings.listen);
  process.stdout.write(`listening ${served.url}\n`);
  const stop = () => void served.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
