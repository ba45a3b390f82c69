import { execFile } from "node:child_process";
import {
  createReadStream,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { compareText } from "../ordering.js";
import { SAFE_FILE_NAME, type NpmMirror } from "./lock.js";
import { readTarGz, TarError, type TarEntry } from "./tarReader.js";

/** A release's spec files as one source gave them, not yet checked against anything. */
export interface ReleaseFiles {
  /** Where they came from, for messages: a path, a URL or an npm package. */
  origin: string;
  /** Spec file name -> content. */
  files: Map<string, Buffer>;
  /** The commit the source records (a `git archive` tarball names it), if any. */
  commit?: string;
}

/** A source that could not give a file set: unreachable, not found, damaged. The message says why. */
export class SourceError extends Error {
  constructor(
    readonly origin: string,
    message: string,
  ) {
    super(message);
  }
}

/** Far above a release's spec folder (about 20 MB) and its repository (about 300 MB), below a gzip bomb. */
const MAX_ARCHIVE_BYTES = 2 * 2 ** 30;

/**
 * `--from PATH`: a twilio-oai checkout (its `<folder>`, usually `spec/yaml`), that folder itself or any
 * folder of the spec files, or a `.tar.gz` of a release (GitHub's layout, or an npm mirror's).
 */
export async function readLocalSource(path: string, folder: string): Promise<ReleaseFiles> {
  if (!existsSync(path)) throw new SourceError(path, "no such file or folder");
  if (!statSync(path).isDirectory()) {
    if (!/\.(tar\.gz|tgz)$/.test(path)) throw new SourceError(path, "neither a folder nor a .tar.gz / .tgz file");
    return readTarball(createReadStream(path), path, folder);
  }
  const specFolder = existsSync(join(path, folder)) ? join(path, folder) : path;
  return { origin: specFolder, files: readSpecFolder(specFolder) };
}

/** The files of a flat folder of specs; anything else in it (a subfolder, a link, a dot file) is refused. */
export function readSpecFolder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(folder).sort(compareText)) {
    const path = join(folder, name);
    if (!lstatSync(path).isFile() || !SAFE_FILE_NAME.test(name)) {
      throw new SourceError(path, "not a spec file: a subfolder, a symbolic link, a device or a dot file");
    }
    files.set(name, readFileSync(path));
  }
  return files;
}

/** The release tarball at `url` (GitHub's source archive of a tag, or a server standing in for it). */
export async function downloadTarball(url: string, folder: string): Promise<ReleaseFiles> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow" });
  } catch (error) {
    throw new SourceError(url, `cannot connect: ${reason(error)}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new SourceError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  return readTarball(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), url, folder);
}

/**
 * The npm package's tarball, fetched alone by `npm pack` (the user's registry, proxy and cache settings
 * apply; nothing is installed and no script runs).
 */
export async function packNpmMirror(mirror: NpmMirror, root: string): Promise<ReleaseFiles> {
  const spec = `${mirror.package}@${mirror.version}`;
  const origin = `npm package ${spec}`;
  const destination = mkdtempSync(join(tmpdir(), "twilio-oai-npm-"));
  try {
    const [command, ...prefix] = npmCommand();
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
          "--prefer-offline",
          "--loglevel=error",
        ],
        { cwd: root, maxBuffer: 16 * 2 ** 20, shell: process.platform === "win32" && prefix.length === 0 },
      );
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
      throw new SourceError(origin, `npm pack failed: ${npmErrorLine(stderr) ?? reason(error)}`);
    }
    const tarball = readdirSync(destination).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new SourceError(origin, "npm pack wrote no tarball");
    return await readTarball(createReadStream(join(destination, tarball)), origin, mirror.folder, true);
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

/** npm itself when this runs under `npm run`, else the `npm` on the PATH. */
function npmCommand(): string[] {
  const npmCli = process.env.npm_execpath;
  if (npmCli && basename(npmCli) === "npm-cli.js") return [process.execPath, npmCli];
  return [process.platform === "win32" ? "npm.cmd" : "npm"];
}

/**
 * The spec files of a release tarball: those of its shallowest `<folder>/` (GitHub: `twilio-oai-<tag>/spec/yaml/`,
 * an npm mirror: `package/twilio-oai/spec/yaml/`), or of exactly `folder` when `exact`. Anything there that
 * is not a plain file is refused.
 */
async function readTarball(stream: Readable, origin: string, folder: string, exact = false): Promise<ReleaseFiles> {
  const areaOf = (path: string) =>
    exact ? (`${path}/`.startsWith(`${folder}/`) ? `${folder}/` : undefined) : specFolderOf(path, folder);
  let archive;
  try {
    archive = await readTarGz(stream, { keep: (path) => areaOf(path) !== undefined, maxBytes: MAX_ARCHIVE_BYTES });
  } catch (error) {
    stream.destroy();
    throw new SourceError(origin, error instanceof TarError ? error.message : `cannot read: ${reason(error)}`);
  }
  const prefix = shallowest(new Set(archive.entries.map((entry) => areaOf(entry.path)!)), origin, folder);
  const files = new Map<string, Buffer>();
  for (const entry of archive.entries) {
    if (!`${entry.path}/`.startsWith(prefix)) continue;
    const name = entry.path.slice(prefix.length);
    if (name === "" && entry.kind === "directory") continue;
    checkEntry(entry, name, origin);
    files.set(name, entry.data!);
  }
  const commit = archive.comment && /^[0-9a-f]{40}$/.test(archive.comment) ? archive.comment : undefined;
  return { origin, files, ...(commit ? { commit } : {}) };
}

/** The part of `path` up to and including its first `<folder>/`, or undefined when it has none. */
function specFolderOf(path: string, folder: string): string | undefined {
  const marker = `/${folder}/`;
  const at = `/${path}/`.indexOf(marker);
  return at < 0 ? undefined : `/${path}/`.slice(1, at + marker.length);
}

function shallowest(prefixes: Set<string>, origin: string, folder: string): string {
  const depth = (prefix: string) => prefix.split("/").length;
  const least = Math.min(...[...prefixes].map(depth));
  const candidates = [...prefixes].filter((prefix) => depth(prefix) === least);
  if (candidates.length === 0) throw new SourceError(origin, `no ${folder}/ folder in the archive`);
  if (candidates.length > 1)
    throw new SourceError(origin, `several ${folder}/ folders in the archive: ${candidates.join(", ")}`);
  return candidates[0]!;
}

function checkEntry(entry: TarEntry, name: string, origin: string): void {
  if (entry.kind !== "file") {
    throw new SourceError(origin, `${entry.path}: a ${entry.kind} entry where spec files are expected; refused`);
  }
  if (!SAFE_FILE_NAME.test(name)) {
    throw new SourceError(
      origin,
      `${entry.path}: not a plain file name in the spec folder (a subfolder or a dot file)`,
    );
  }
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.message ? `${message} (${cause.message})` : message;
}

/** The line of npm's error output that says what failed, e.g. `404 Not Found - GET https://…`. */
function npmErrorLine(stderr: string): string | undefined {
  return stderr
    .split("\n")
    .map((line) => line.replace(/^npm (error|ERR!) /, "").trim())
    .find((line) => line !== "" && !/^(code|syscall|errno) /.test(line));
}
