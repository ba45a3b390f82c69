/**
 * The generator's commands, `twilio-etag-sdk-generator <command> [options]` (main.ts runs them): the command
 * is picked from the first argument, and only its module is loaded, so that `generate --check` starts
 * without the diff commands' libraries.
 */
import { commandName, nearestOption, type Command } from "./util/commandLine.js";
import { GeneratorError, UsageError } from "./util/diagnostics.js";

const COMMANDS = {
  generate: {
    summary: "generate the SDK from specs (the default command)",
    load: async (): Promise<Command> => (await import("./cli.js")).generateCommand,
  },
  specs: {
    summary: "fetch the pinned twilio-oai release, or move the lock to another (update)",
    load: async (): Promise<Command> => (await import("./release/specsCli.js")).specsCommand,
  },
  "spec-diff": {
    summary: "report what changes in the SDK between two spec sets",
    load: async (): Promise<Command> => (await import("./specDiffCli.js")).specDiffCommand,
  },
  "sdk-diff": {
    summary: "report what changes between two generated SDK trees",
    load: async (): Promise<Command> => (await import("./sdkDiffCli.js")).sdkDiffCommand,
  },
} as const;

type CommandName = keyof typeof COMMANDS;
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The commands, as the user runs them (`npm run specs`, or the bin's `specs`), each with what it does. */
export function commandsHelp(): string {
  const viaNpm = commandName("generate").startsWith("npm run ");
  const rows = COMMAND_NAMES.map((command) => [viaNpm ? `npm run ${command}` : command, COMMANDS[command].summary]);
  const width = Math.max(...rows.map(([command]) => command!.length));
  const list = rows.map(([command, summary]) => `  ${command!.padEnd(width)}  ${summary}`).join("\n");
  return `Commands (${viaNpm ? "options after --; " : ""}each has --help):\n${list}`;
}

/** The command `argv` names, and its arguments: `generate` when the first argument is an option or absent. */
function pickCommand(argv: readonly string[]): { command: CommandName; args: string[] } {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith("-")) return { command: "generate", args: [...argv] };
  // `help` and `help <command>`, as git and npm take them.
  if (first === "help") return pickCommand([...rest.slice(0, 1), "--help"]);
  if (Object.hasOwn(COMMANDS, first)) return { command: first as CommandName, args: rest };
  const nearest = nearestOption(first, COMMAND_NAMES);
  throw new UsageError(
    `unknown command ${JSON.stringify(first)}; ${nearest ? `did you mean ${nearest}?` : `the commands are ${COMMAND_NAMES.join(", ")}`}`,
  );
}

/** Runs the command `argv` names; the exit code: 2 with a one-line message for bad input. */
export async function runCommandLine(argv: string[]): Promise<number> {
  let picked: { command: CommandName; args: string[] };
  try {
    picked = pickCommand(argv);
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${commandsHelp()}`);
    return 2;
  }
  const command = await COMMANDS[picked.command].load();
  try {
    return await command.run(picked.args);
  } catch (error) {
    if (error instanceof GeneratorError) {
      console.error(`error: ${error.message}${command.afterError ? `\n${command.afterError}` : ""}`);
    } else console.error(error instanceof UsageError ? `error: ${error.message}\n\n${command.usage()}` : error);
    return 2;
  }
}
