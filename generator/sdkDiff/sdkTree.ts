import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../util/diagnostics.js";

/** An SDK tree to read: a folder as given, or a git tree extracted into a temporary folder. */
export interface SdkTree {
  folder: string;
  dispose(): void;
}

/**
 * `generated` (a folder) or `REF:PATH` (`main:generated`, `v1.2.0:generated`): the SDK as it was
 * committed at REF, so CI can compare the base branch's SDK with the one just generated.
 */
export function openSdkTree(argument: string): SdkTree {
  if (existsSync(argument)) {
    if (!statSync(argument).isDirectory()) throw new UsageError(`${argument} is a file: pass the SDK's folder`);
    return { folder: argument, dispose: () => {} };
  }
  const split = argument.lastIndexOf(":");
  if (split <= 0) throw new UsageError(`${argument}: no such folder, nor a git REF:PATH`);
  const [ref, path] = [argument.slice(0, split), argument.slice(split + 1)];
  const commit = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (commit.status !== 0) throw new UsageError(`${argument}: ${ref} is not a git commit here`);
  const archive = git(["archive", "--format=tar", `${commit.stdout.toString().trim()}:${path}`]);
  if (archive.status !== 0) throw new UsageError(`${argument}: ${path || "."} is not a folder at ${ref}`);
  const folder = mkdtempSync(join(tmpdir(), "sdk-diff-"));
  const dispose = () => rmSync(folder, { recursive: true, force: true });
  const extracted = spawnSync("tar", ["-x", "-C", folder], { input: archive.stdout });
  if (extracted.status !== 0) {
    dispose();
    throw new Error(`tar could not extract ${argument}: ${extracted.stderr.toString()}`);
  }
  return { folder, dispose };
}

function git(args: string[]) {
  return spawnSync("git", args, { maxBuffer: 1 << 30 });
}
