// The peer tools live in bench/peers (own package.json and lockfile) so they never become
// dependencies of the generator; they are installed on first use, exactly as locked.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { node22, peersDir } from "./paths.js";
import { progress } from "./stats.js";
import { StepError } from "./spawn.js";

export function ensurePeers(): void {
  if (!existsSync(join(peersDir, "node_modules"))) {
    progress("installing peer tools: npm ci --prefix bench/peers (once)");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["ci", "--prefix", peersDir, "--no-audit", "--no-fund"], {
      stdio: ["ignore", 2, 2], // npm's own output goes to stderr with the other progress lines
    });
    if (result.status !== 0) throw new StepError("install peers", `npm ci exited ${result.status}`);
  }
  if (!existsSync(node22)) throw new StepError("install peers", "the node@22 package did not install its binary");
}

/** Exact versions as installed, for the notes under the table. */
export function peerVersions(): Record<string, string> {
  const wanted = JSON.parse(readFileSync(join(peersDir, "package.json"), "utf8")).dependencies as object;
  const versions: Record<string, string> = {};
  for (const name of Object.keys(wanted)) {
    const manifest = join(peersDir, "node_modules", name, "package.json");
    versions[name] = JSON.parse(readFileSync(manifest, "utf8")).version;
  }
  return versions;
}
