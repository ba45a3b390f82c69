/**
 * The SDK of generated/ packed as its README says, once per test run for every test file that
 * installs it (sharedWork.ts): in a git checkout of what the project commits of generated/ (and the
 * root's .gitignore), `npm install` (here `npm ci --offline` of the build tools this project pins)
 * and `npm pack`, whose prepack builds dist/. Packing is most of a minute of tsc on 2 cores.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../support/corpus.js";
import { sharedWork } from "../support/sharedWork.js";
import { npm, run } from "./offlineInstall.js";

export interface PackedGenerated {
  /** The git checkout: its .gitignore and generated/, where `npm ci` and `npm pack` ran. */
  checkout: string;
  /** `<checkout>/generated`. */
  sdk: string;
  /** The tarball's file name, in `sdk`. */
  tarball: string;
}

/** The packed SDK; its folders are shared by the test files of the run: read them, never change them. */
export async function packedGenerated(): Promise<PackedGenerated> {
  const folder = await sharedWork("packed-generated", async (folder) => {
    const checkout = join(folder, "checkout");
    await checkOutGenerated(checkout);
    const sdk = join(checkout, "generated");
    writeBuildToolsLock(sdk);
    const installed = await npm(["ci"], sdk);
    if (installed.code !== 0 || installed.stderr !== "")
      throw new Error(`npm ci in the SDK exited ${installed.code}:\n${installed.stderr}`);
    const packed = await npm(["pack"], sdk);
    if (packed.code !== 0 || packed.stderr !== "")
      throw new Error(`npm pack in the SDK exited ${packed.code}:\n${packed.stderr}`);
  });
  const checkout = join(folder, "checkout");
  const sdk = join(checkout, "generated");
  const tarballs = readdirSync(sdk).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${sdk}`);
  return { checkout, sdk, tarball: tarballs[0]! };
}

/** Runs git in `checkout`, as a test user. */
export function git(checkout: string, ...args: string[]) {
  return run("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], checkout);
}

/** A git repository of what the project commits of generated/, with the root's .gitignore. */
async function checkOutGenerated(checkout: string): Promise<void> {
  const listed = await run(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "generated"],
    REPO_ROOT,
  );
  if (listed.code !== 0) throw new Error(`git ls-files generated exited ${listed.code}:\n${listed.stderr}`);
  for (const file of [".gitignore", ...listed.stdout.split("\0").filter(Boolean)]) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(checkout, file));
  }
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
    ["commit", "-qm", "generated"],
  ]) {
    const done = await git(checkout, ...args);
    if (done.code !== 0) throw new Error(`git ${args.join(" ")} exited ${done.code}:\n${done.stderr}`);
  }
}

/**
 * The package-lock.json `npm install` writes in the SDK's folder, pinning its devDependencies
 * (TypeScript, esbuild and esbuild's platform binaries) to this project's: `npm ci --offline` then
 * installs them from npm's cache.
 */
function writeBuildToolsLock(sdk: string): void {
  const manifest = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8")) as { name: string; version: string };
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8"));
  const tools = Object.entries(lock.packages as Record<string, Record<string, unknown>>).filter(([path]) =>
    /^node_modules\/(typescript|esbuild|@esbuild\/[^/]+)$/.test(path),
  );
  const devDependencies = {
    esbuild: lock.packages["node_modules/esbuild"].version,
    typescript: lock.packages["node_modules/typescript"].version,
  };
  const packages: Record<string, unknown> = { "": { name: manifest.name, version: manifest.version, devDependencies } };
  for (const [path, { dev: _dev, devOptional: _devOptional, ...entry }] of tools)
    packages[path] = { ...entry, dev: true };
  const written = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(sdk, "package-lock.json"), JSON.stringify(written, null, 2));
}
