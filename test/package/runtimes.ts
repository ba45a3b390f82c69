/**
 * The runtimes of the matrix (runtimes.test.ts), installed once per test run (runtimeInstall.ts
 * says where and how): a package that does not install, or a binary that does not run on this
 * platform, is an error naming it: never a skip.
 */
import { checkedRuntimes, installIfStale } from "./runtimeInstall.js";
import type { RuntimeName } from "./runtimeInstall.js";
import { sharedWork } from "../support/sharedWork.js";

export { runtimeBinary } from "./runtimeInstall.js";
export type { RuntimeName } from "./runtimeInstall.js";

/**
 * Installs the runtimes when needed; each one's binary, checked to run here. Test files of one run
 * that need them (the runtime matrix, the proxy test's Nodes) share one install (sharedWork.ts):
 * two `npm ci` in one folder at once would break each other's.
 */
export async function installRuntimes(): Promise<Record<RuntimeName, string>> {
  await sharedWork("runtimes-installed", async () => installIfStale());
  return checkedRuntimes();
}
