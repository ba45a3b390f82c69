/**
 * Installing packed tarballs without the network: `npm install` of a tarball with no dependencies
 * needs no registry, and a tarball with dependencies is installed by `npm ci --offline` from a
 * lockfile that pins the very packages of this project's lockfile (which `npm ci` put in npm's
 * cache), so that npm reads every package from its cache.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../support/corpus.js";

const execFileAsync = promisify(execFile);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process, so that a server in it keeps answering. */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : 1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

/** npm, quiet and offline: tests never reach the internet. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run("npm", [...args, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], cwd, env);
}

/** `npm pack` in `folder`, which runs its `prepack`; the path of the tarball it made. */
export async function pack(folder: string, destination: string): Promise<string> {
  const result = await npm(["pack", "--pack-destination", destination], folder);
  if (result.code !== 0) throw new Error(`npm pack failed in ${folder}:\n${result.stderr}`);
  const tarball = readdirSync(destination).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${destination}`);
  return join(destination, tarball);
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/**
 * A consumer project (package.json and package-lock.json) whose one dependency is `tarball`, a
 * pack of this project: its dependencies are pinned to this project's lockfile entries, the
 * runtime dependencies and theirs, at the same places in node_modules.
 */
export function writeConsumerOfProject(consumer: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[""]!;
  const needed = new Set<string>();
  const visit = (path: string): void => {
    if (needed.has(path)) return;
    needed.add(path);
    const entry = lock.packages[path]!;
    const names = Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies });
    for (const name of names) {
      const found = installedPath(lock.packages, path, name);
      if (found) visit(found);
    }
  };
  for (const name of Object.keys(root.dependencies ?? {})) visit(`node_modules/${name}`);
  const spec = `file:${relative(consumer, tarball)}`;
  const packages: Record<string, LockEntry> = {
    "": { dependencies: { [String(readProjectName())]: spec } },
    [`node_modules/${readProjectName()}`]: {
      version: root.version,
      resolved: spec,
      dependencies: root.dependencies,
      bin: root.bin,
    },
  };
  for (const path of [...needed].sort()) {
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[path]!;
    packages[path] = entry;
  }
  const manifest = { name: "consumer", private: true, dependencies: { [readProjectName()]: spec } };
  writeFileSync(join(consumer, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(consumer, "package-lock.json"),
    JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2),
  );
}

function readProjectName(): string {
  return JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).name;
}

/** Where node would find `name` from the package at `from`: its own node_modules, then its parents'. */
function installedPath(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const path = `${base}/node_modules/${name}`;
    if (packages[path]) return path;
    const parent = base.lastIndexOf("/node_modules/");
    if (parent < 0) return packages[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
    base = base.slice(0, parent);
  }
}
