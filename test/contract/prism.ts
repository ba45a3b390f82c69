/**
 * Starts and stops Stoplight Prism (`prism mock --errors`) as a child process on 127.0.0.1, one
 * per spec: a free port, a bounded wait for Prism's "listening" line, and a kill that waits for
 * the process to exit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "../support/loopback.js";

export interface PrismServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number | undefined;
  /** Everything Prism printed so far (its request log included), for diagnostics. */
  output(): string;
  /** Stops Prism (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** How long to wait for Prism's "listening" line; the largest Twilio spec takes ~10 s on 2 cores. */
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** The JavaScript entry point of the `prism` binary of the installed @stoplight/prism-cli. */
export function prismCliPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = require(manifestPath) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin.prism!);
}

/** The installed Prism version, for the printed figures. */
export function prismVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("@stoplight/prism-cli/package.json") as { version: string }).version;
}

/**
 * Runs `prism mock --errors` for `specFile` on a free port of 127.0.0.1 and resolves once Prism
 * says it is listening. Rejects (after killing it) when Prism exits first or does not come up in
 * time; a port taken between `freePort()` and Prism's bind is retried on another port.
 */
export async function startPrism(specFile: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(specFile, await freePort(), timeoutMs);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

function startOnce(specFile: string, port: number, timeoutMs: number): Promise<PrismServer> {
  installExitHook();
  const url = `http://127.0.0.1:${port}`;
  // --errors: an invalid request gets Prism's 422 (or 401/404/405/406/415) with the violations,
  // instead of a mock answer. No --dynamic: responses are the spec's static examples.
  const args = [prismCliPath(), "mock", "--errors", "--host", "127.0.0.1", "--port", String(port), specFile];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  running.add(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<PrismServer>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${message}\n--- prism output (tail) ---\n${output.slice(-3_000)}`)));
    };
    const timer = setTimeout(
      () => fail(`Prism did not start listening within ${timeoutMs} ms for ${specFile}`),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      // Keep memory bounded: Prism logs every route at start-up and every request after.
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
      if (!settled && output.includes(`Prism is listening on ${url}`)) {
        settled = true;
        clearTimeout(timer);
        resolve({ url, pid: child.pid, output: () => output, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (error) => fail(`Prism could not be started: ${error.message}`));
    child.once("exit", (code, signal) => fail(`Prism exited before listening (code ${code}, signal ${signal})`));
  });
}

/** How many Prism processes this process started that have not exited yet. */
export function runningPrismCount(): number {
  return running.size;
}

/** Never leave a Prism behind: kill the ones still running when this process exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}
