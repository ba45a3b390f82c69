/**
 * Behind HTTPS_PROXY / HTTP_PROXY / NO_PROXY: real programs (child processes) through a real CONNECT
 * proxy on 127.0.0.1 to 127.0.0.1 servers, http and https. On Node 22.21+ and 24 the SDK needs no
 * code (NODE_USE_ENV_PROXY=1); on older Nodes the documented undici recipe goes in the `fetch` option.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { Server as HttpsServer } from "node:https";
import { connect, createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installRuntimes, runtimeBinary } from "../package/runtimes.js";
import { REPO_ROOT } from "../support/corpus.js";
import { startServer } from "./server.js";
import type { TestServer } from "./server.js";

const run = promisify(execFile);
const FOLDER = join(REPO_ROOT, "test", "runtime", "proxy");
// Node 22 and 24 of the runtime matrix (test/runtimes, one install for both test files).
const NODES = { node22: runtimeBinary("node22"), node24: runtimeBinary("node24") };
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "proxy-test-auth-token";
const BASIC = `Basic ${btoa(`${ACCOUNT}:${TOKEN}`)}`;

/** A CONNECT proxy: tunnels to the target, records each CONNECT and every byte sent into a tunnel. */
interface ConnectProxy {
  readonly url: string;
  readonly connects: string[];
  /** Requests that were not CONNECT (a client forwarding plain HTTP); answered 405. */
  readonly others: string[];
  /** What clients sent through the tunnels, as latin1 text. */
  tunnelled: string;
  reset(): void;
  close(): Promise<void>;
}

async function startConnectProxy(): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const proxy: ConnectProxy = {
    url: "",
    connects: [],
    others: [],
    tunnelled: "",
    reset() {
      proxy.connects.length = 0;
      proxy.others.length = 0;
      proxy.tunnelled = "";
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      client.off("data", onData);
      const requestLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
      const target = /^CONNECT (127\.0\.0\.1):(\d+) HTTP\/1\.[01]$/.exec(requestLine);
      if (!target) {
        proxy.others.push(requestLine);
        client.end("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      proxy.connects.push(`${target[1]}:${target[2]}`);
      const upstream = connect(Number(target[2]), target[1]!, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.on("data", (data: Buffer) => (proxy.tunnelled += data.toString("latin1")));
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(proxy, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return proxy;
}

/** An https server on 127.0.0.1 (the fixture certificate), answering JSON and recording Authorization. */
async function startTlsServer(): Promise<{ origin: string; authorizations: string[]; close(): Promise<void> }> {
  const authorizations: string[] = [];
  const server: HttpsServer = createHttpsServer(
    { cert: readFileSync(join(FOLDER, "cert.pem")), key: readFileSync(join(FOLDER, "key.pem")) },
    (request, response) => {
      authorizations.push(request.headers.authorization ?? "");
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ sid: "TLS1", path: request.url }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let proxy: ConnectProxy;
let plain: TestServer;
let tls: Awaited<ReturnType<typeof startTlsServer>>;

beforeAll(async () => {
  // Node binaries whose fetch can use the environment's proxy, pinned in test/runtimes/package-lock.json.
  await installRuntimes();
  [proxy, plain, tls] = await Promise.all([startConnectProxy(), startServer(), startTlsServer()]);
  plain.respond(() => ({ body: { sid: "PLAIN1" } }));
}, 660_000);
afterAll(() => Promise.all([proxy?.close(), plain?.close(), tls?.close()]));

type Target = "https" | "http";

/** Runs `program` (builtin.ts or recipe.ts) with `node` against `target`, with the proxy variables `env`. */
async function runProgram(node: string, program: string, target: Target, env: Record<string, string>) {
  const origin = target === "https" ? tls.origin : plain.origin;
  const { stdout } = await run(node, ["--import", "tsx", join(FOLDER, program), origin], {
    cwd: REPO_ROOT,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: TOKEN,
      NODE_EXTRA_CA_CERTS: join(FOLDER, "cert.pem"),
      NODE_NO_WARNINGS: "1",
      ...env,
    },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { status: number; body: { sid: string } };
}

/** given proxy variables and target → want the proxy to tunnel it */
const CASES: [string, Record<string, string>, Target, boolean][] = [
  ["HTTPS_PROXY, an https target", { HTTPS_PROXY: "<proxy>" }, "https", true],
  ["HTTP_PROXY alone (twilio-node's variable), an https target", { HTTP_PROXY: "<proxy>" }, "https", true],
  ["HTTP_PROXY, an http target", { HTTP_PROXY: "<proxy>" }, "http", true],
  ["NO_PROXY=127.0.0.1 bypasses HTTPS_PROXY", { HTTPS_PROXY: "<proxy>", NO_PROXY: "127.0.0.1" }, "https", false],
  ["NO_PROXY=127.0.0.1 bypasses HTTP_PROXY", { HTTP_PROXY: "<proxy>", NO_PROXY: "localhost,127.0.0.1" }, "http", false],
];

async function expectThroughProxy(
  node: string,
  program: string,
  [, given, target, proxied]: (typeof CASES)[number],
  extraEnv: Record<string, string> = {},
) {
  proxy.reset();
  const authorizations = target === "https" ? tls.authorizations : null;
  authorizations?.splice(0);
  const env = Object.fromEntries(
    Object.entries(given).map(([name, value]) => [name, value.replace("<proxy>", proxy.url)]),
  );

  const result = await runProgram(node, program, target, { ...env, ...extraEnv });

  expect(result).toMatchObject({ status: 200, body: { sid: target === "https" ? "TLS1" : "PLAIN1" } });
  const port = new URL(target === "https" ? tls.origin : plain.origin).port;
  expect(proxy.connects).toEqual(proxied ? [`127.0.0.1:${port}`] : []);
  expect(proxy.others).toEqual([]);
  // The credentials arrive intact; through a tunnel to https the proxy never sees them in clear.
  if (authorizations) {
    expect(authorizations).toEqual([BASIC]);
    expect(proxy.tunnelled).not.toContain(TOKEN);
    expect(proxy.tunnelled).not.toContain(BASIC.slice(6));
  } else {
    expect(plain.requests.at(-1)!.headers.authorization).toBe(BASIC);
  }
}

describe("a Node whose fetch uses the environment's proxy (NODE_USE_ENV_PROXY=1): no dependency, no code", () => {
  for (const [nodeName, binary] of Object.entries(NODES)) {
    it.each(CASES)(`${nodeName}: %s`, async (...testCase) => {
      await expectThroughProxy(binary, "builtin.ts", testCase, { NODE_USE_ENV_PROXY: "1" });
    });
  }
});

describe("any Node: the documented undici recipe in the fetch option", () => {
  it("is in docs/client.md word for word as recipe.ts runs it", () => {
    const docs = readFileSync(join(REPO_ROOT, "docs", "client.md"), "utf8");
    const block = /## Proxies[\s\S]*?```ts\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block, "docs/client.md has a ## Proxies section with a ts block").toBeDefined();
    const programLines = new Set(
      readFileSync(join(FOLDER, "recipe.ts"), "utf8")
        .split("\n")
        .map((line) => line.trim()),
    );
    const recipeLines = block!
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    expect(recipeLines.filter((line) => !programLines.has(line))).toEqual([]);
    expect(recipeLines.join("\n")).toContain("EnvHttpProxyAgent");
  });

  it.each(CASES)(`${process.version}: %s`, async (...testCase) => {
    await expectThroughProxy(process.execPath, "recipe.ts", testCase);
  });

  it(`is needed on ${process.version} without NODE_USE_ENV_PROXY support: the plain program goes direct`, async () => {
    const major = Number(process.versions.node.split(".")[0]);
    const [minor] = process.versions.node.split(".").slice(1).map(Number);
    const supportsEnvProxy = major >= 24 || (major === 22 && minor! >= 21);
    proxy.reset();
    await runProgram(process.execPath, "builtin.ts", "https", { HTTPS_PROXY: proxy.url, NODE_USE_ENV_PROXY: "1" });
    expect(proxy.connects.length > 0).toBe(supportsEnvProxy);
  });
});
