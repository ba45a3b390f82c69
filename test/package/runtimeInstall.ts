/**
 * Where the runtimes of the matrix come from: npm packages pinned exactly in test/runtimes/ (its own
 * package.json and lockfile, apart from the project's: `node@22` there would put a `node` in
 * node_modules/.bin, ahead of the Node that runs npm's scripts). `npm ci` installs them there on
 * first use, and again only when the lockfile changes. Free of vitest, so that the bench runs them too.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/corpus.js";
import { run } from "./offlineInstall.js";

const FOLDER = join(REPO_ROOT, "test/runtimes");
const MODULES = join(FOLDER, "node_modules");
/** The sha256 of the lockfile node_modules was installed from. */
const STAMP = join(MODULES, ".installed-from-lock");

export type RuntimeName = "node22" | "node24" | "deno" | "bun" | "workerd";

/** Each runtime's binary, the package it comes from, and what its `--version` prints. */
const BINARIES: Record<RuntimeName, { path: string; pkg: string; version: RegExp }> = {
  node22: { path: "node22/bin/node", pkg: "node@22", version: /^v22\.\d+\.\d+$/ },
  node24: { path: "node24/bin/node", pkg: "node@24", version: /^v24\.\d+\.\d+$/ },
  deno: { path: ".bin/deno", pkg: "deno", version: /^deno 2\.\d+\.\d+ / },
  bun: { path: ".bin/bun", pkg: "bun", version: /^1\.\d+\.\d+$/ },
  workerd: { path: ".bin/workerd", pkg: "workerd", version: /^workerd \d{4}-\d{2}-\d{2}$/ },
};

/** Where the runtime `name`'s binary is once installed (installRuntimes installs and checks it). */
export function runtimeBinary(name: RuntimeName): string {
  return join(MODULES, BINARIES[name].path);
}

/** Each runtime's binary, checked to run here: an error naming the package of one that does not. */
export async function checkedRuntimes(): Promise<Record<RuntimeName, string>> {
  const binaries = {} as Record<RuntimeName, string>;
  await Promise.all(
    Object.entries(BINARIES).map(async ([name, { path, pkg, version }]) => {
      const binary = join(MODULES, path);
      const answer = await run(binary, ["--version"], FOLDER);
      const printed = answer.stdout.trim().split("\n")[0] ?? "";
      if (answer.code !== 0 || !version.test(printed)) {
        const platform = `${process.platform}-${process.arch}`;
        throw new Error(
          `the npm package ${pkg} gave no runnable ${name} for ${platform} (${binary} --version: exit ${answer.code}, ` +
            `${JSON.stringify(printed || answer.stderr.trim())}); delete test/runtimes/node_modules to install again`,
        );
      }
      binaries[name as RuntimeName] = binary;
    }),
  );
  return binaries;
}

/** `npm ci` in test/runtimes unless node_modules was installed from the lockfile as it is now. */
export async function installIfStale(): Promise<void> {
  const lock = createHash("sha256")
    .update(readFileSync(join(FOLDER, "package-lock.json")))
    .digest("hex");
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === lock) return;
  rmSync(MODULES, { recursive: true, force: true });
  // Online: the binaries come from the registry (npm's cache answers once it holds them).
  const install = await run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], FOLDER);
  if (install.code !== 0) {
    throw new Error(
      `the runtimes did not install (npm ci in test/runtimes exited ${install.code}):\n${install.stderr}`,
    );
  }
  writeFileSync(STAMP, lock);
}
