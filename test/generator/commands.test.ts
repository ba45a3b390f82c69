import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATOR_BIN, npmScript } from "../support/npmScript.js";

// The one bin, `twilio-etag-sdk-generator <command> [options]`, run as installed (its own name) and as the
// project's npm scripts run it. Only help and usage errors here: each command's work is tested with it.
const work = mkdtempSync(join(tmpdir(), "sdk-commands-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function bin(...args: string[]) {
  const result = spawnSync(process.execPath, [GENERATOR_BIN, ...args], { cwd: work, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npmRun(command: string, ...args: string[]) {
  const script = npmScript(command, args);
  const result = spawnSync(process.execPath, script.args, { cwd: work, encoding: "utf8", env: script.env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const COMMANDS = ["generate", "specs", "spec-diff", "sdk-diff"];

describe("twilio-etag-sdk-generator", () => {
  it("--help: generate's options (the default command), then every command", () => {
    const { code, stdout } = bin("--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: twilio-etag-sdk-generator \[generate\] \[options\]\n/);
    expect(stdout).toContain("\n  --check ");
    const listed = stdout.slice(stdout.indexOf("\nCommands (each has --help):\n")).trimEnd().split("\n").slice(2);
    expect(listed.map((line) => line.trim().split(/ +/)[0])).toEqual(COMMANDS);
    expect(bin("generate", "--help").stdout).toBe(stdout);
    expect(bin("help").stdout).toBe(stdout);
  });

  it.each([
    ["specs", /^Usage: twilio-etag-sdk-generator specs fetch \[--from PATH\]/],
    ["spec-diff", /^Usage: twilio-etag-sdk-generator spec-diff --from OLD_SPECS --to NEW_SPECS/],
    ["sdk-diff", /^Usage: twilio-etag-sdk-generator sdk-diff --from OLD_SDK --to NEW_SDK/],
  ])("%s --help names the command as installed", (command, usage) => {
    const { code, stdout } = bin(command, "--help");
    expect([code, stdout]).toEqual([0, expect.stringMatching(usage)]);
    expect(bin("help", command).stdout).toBe(stdout);
  });

  it.each([
    // given: want the first line
    [["spec-dif"], 'error: unknown command "spec-dif"; did you mean spec-diff?'],
    [["sdkdiff", "--from", "a"], 'error: unknown command "sdkdiff"; did you mean sdk-diff?'],
    [["fetch"], 'error: unknown command "fetch"; the commands are generate, specs, spec-diff, sdk-diff'],
  ])("refuses the unknown command %j in one line, with the list of commands: exit 2", (args, message) => {
    const { code, stdout, stderr } = bin(...args);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr.split("\n").slice(0, 3)).toEqual([message, "", "Commands (each has --help):"]);
    expect(readdirSync(work)).toEqual([]);
  });

  it("a usage error of a command shows that command's help", () => {
    const { code, stderr } = bin("spec-diff", "--frm", "a");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: unknown option --frm; did you mean --from\?\n\nUsage: twilio-etag-sdk-generator spec-diff /,
    );
  });
});

describe("the npm scripts", () => {
  it.each(COMMANDS)("npm run %s -- --help names the script", (command) => {
    const { code, stdout } = npmRun(command, "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: npm run ${command} -- `));
  });

  it("npm run generate -- --help lists the other scripts", () => {
    const { stdout } = npmRun("generate", "--help");
    const listed = stdout
      .slice(stdout.indexOf("\nCommands (options after --; each has --help):\n"))
      .trimEnd()
      .split("\n");
    expect(listed.slice(2).map((line) => line.trim().split(/ {2,}/)[0])).toEqual(
      COMMANDS.map((command) => `npm run ${command}`),
    );
  });
});
