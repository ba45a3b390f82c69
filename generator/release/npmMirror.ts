import { execFile } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { DEADLINE_FLAGS, type ReleaseLimits } from "./limits.js";
import type { NpmMirror } from "./lock.js";
import { readTarball, reason, SourceError, type ReleaseFiles } from "./sources.js";

/**
 * The npm package's tarball, fetched alone by `npm pack` (the user's registry, proxy and cache settings
 * apply; nothing is installed and no script runs). npm's own fetch-timeout, which it applies to its
 * sockets and to each request, is the idle deadline; the whole `npm pack` is stopped at the total deadline.
 */
export async function packNpmMirror(mirror: NpmMirror, root: string, limits: ReleaseLimits): Promise<ReleaseFiles> {
  const spec = `${mirror.package}@${mirror.version}`;
  const origin = `npm package ${spec}`;
  const destination = mkdtempSync(join(tmpdir(), "twilio-oai-npm-"));
  try {
    await npmPack(spec, origin, destination, root, limits);
    const tarball = readdirSync(destination).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new SourceError(origin, "npm pack wrote no tarball");
    const stream = createReadStream(join(destination, tarball));
    return await readTarball(stream, { origin, folder: mirror.folder, exact: true, limits: limits.archive });
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

async function npmPack(spec: string, origin: string, destination: string, root: string, limits: ReleaseLimits) {
  const [command, ...prefix] = npmCommand();
  const { idle, total } = limits.deadlines;
  try {
    await promisify(execFile)(
      command!,
      // No retries (GitHub's tarball is the next try; npm's own retries wait over a minute offline);
      // --prefer-offline lets npm's cache answer without the network.
      [
        ...prefix,
        "pack",
        spec,
        "--pack-destination",
        destination,
        "--ignore-scripts",
        "--fetch-retries=0",
        `--fetch-timeout=${Math.ceil(idle * 1000)}`,
        "--prefer-offline",
        "--loglevel=error",
      ],
      {
        cwd: root,
        maxBuffer: 16 * 2 ** 20,
        timeout: total * 1000,
        shell: process.platform === "win32" && prefix.length === 0,
      },
    );
  } catch (error) {
    if ((error as { killed?: boolean }).killed) {
      const flag = DEADLINE_FLAGS.total;
      throw new SourceError(
        origin,
        `npm pack not done within ${total} s (the total deadline; ${flag} SECONDS allows more)`,
        undefined,
        true,
      );
    }
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    const line = npmErrorLine(stderr) ?? reason(error);
    const timedOut = /timeout|timed out/i.test(line);
    const deadline = timedOut
      ? ` (npm's fetch-timeout, the idle deadline of ${idle} s; ${DEADLINE_FLAGS.idle} SECONDS allows more)`
      : "";
    throw new SourceError(origin, `npm pack failed: ${line}${deadline}`, undefined, timedOut);
  }
}

/** npm itself when this runs under `npm run`, else the `npm` on the PATH. */
function npmCommand(): string[] {
  const npmCli = process.env.npm_execpath;
  if (npmCli && basename(npmCli) === "npm-cli.js") return [process.execPath, npmCli];
  return [process.platform === "win32" ? "npm.cmd" : "npm"];
}

/** The line of npm's error output that says what failed, e.g. `404 Not Found - GET https://…`. */
function npmErrorLine(stderr: string): string | undefined {
  return stderr
    .split("\n")
    .map((line) => line.replace(/^npm (error|ERR!) /, "").trim())
    .find((line) => line !== "" && !/^(code|syscall|errno) /.test(line));
}
