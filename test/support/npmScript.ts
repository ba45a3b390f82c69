import { join } from "node:path";
import { REPO_ROOT } from "./corpus.js";

/** The generator's bin, which every npm script of the project runs: `node <bin> <command> [options]`. */
export const GENERATOR_BIN = join(REPO_ROOT, "bin", "twilio-etag-sdk-generator.mjs");

/**
 * `npm run <command> -- ...args` without npm: node's arguments, and the environment npm gives the project's
 * scripts (help and hints then name `npm run <command>`, as they do for the user).
 */
export function npmScript(command: string, args: string[]): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [GENERATOR_BIN, command, ...args],
    env: { ...process.env, npm_package_name: "twilio-etag-sdk-generator", npm_lifecycle_event: command },
  };
}
