/**
 * The `twilio-etag-sdk-double` command: the double over HTTP until killed. Prints one line,
 * `listening <url>`, once it accepts requests; `--port` and `--require-if-match` set it up.
 */
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
  --require-if-match=P,... ... or on the paths matching these patterns (* one segment, ** any)
  --seed N                 seeds the SIDs (default 1)
`;

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
    else if (flag === "--host") listen.host = value();
    else if (flag === "--seed") options.seed = number("--seed", value(), 2 ** 32 - 1);
    else if (flag === "--require-if-match") options.requireIfMatch = inline === undefined ? true : inline.split(",");
    else if (flag === "--help" || flag === "-h") return { help: true as const };
    else throw new RangeError(`unknown argument ${flag}`);
  }
  return { options, listen };
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
