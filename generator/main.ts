// The generator's entry point: `twilio-etag-sdk-generator <command> [options]` (see commands.ts).
import { runCommandLine } from "./commands.js";

// Exits when the command is done: a worker or a socket left open must not keep the process alive.
process.exit(await runCommandLine(process.argv.slice(2)));
