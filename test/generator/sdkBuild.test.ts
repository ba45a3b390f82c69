import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A published SDK is its built dist/, made by the SDK's own `npm run build`: the .d.ts by tsc, each
// entry's .js bundled by esbuild around shared chunks; here with the project's TypeScript and esbuild,
// on a copy of the fixture SDK (test/fixtures/generated/).
const TSC = resolve("node_modules/typescript/lib/tsc.js");
const work = mkdtempSync(join(tmpdir(), "sdk-build-"));
const sdk = join(work, "sdk");
const app = join(work, "app");

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A strict NodeNext user of the built SDK, offline: a stand-in fetch serves the task with an ETag,
// then answers the conditional update with 412, which must surface as the SDK's own error class.
const CONSUMER = `import { PreconditionFailedException, RestException, Twilio } from "../sdk/dist/index.js";

const sent: string[] = [];
const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  sent.push(\`\${init?.method} \${String(input)} \${new Headers(init?.headers).get("If-Match") ?? "-"}\`);
  return init?.method === "GET"
    ? Response.json({ sid: "WT1" }, { headers: { ETag: '"v1"' } })
    : Response.json({ status: 412, message: "changed", code: 20412 }, { status: 412 });
};
const twilio = new Twilio({ accountSid: "AC1", authToken: "x", fetch });
const task = twilio.tasks.v1.workspaces("WS1").tasks("WT1");
const current = await task.fetch();
const conflict = await task.update({ ifMatch: current.etag, priority: 1 }).catch((error: unknown) => error);
const typed = conflict instanceof PreconditionFailedException && conflict instanceof RestException;
console.log(JSON.stringify({ etag: current.etag, sent, typed, status: typed ? conflict.status : undefined }));
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: { strict: true, module: "nodenext", target: "es2022", skipLibCheck: true },
  files: ["main.ts"],
};

beforeAll(() => {
  cpSync(resolve("test/fixtures/generated"), sdk, { recursive: true });
  const PATH = `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
  const built = spawnSync("npm", ["run", "build", "--silent"], {
    cwd: sdk,
    encoding: "utf8",
    env: { ...process.env, PATH },
  });
  expect({ code: built.status, stdout: built.stdout, stderr: built.stderr }).toEqual({
    code: 0,
    stdout: "",
    stderr: "",
  });
}, 240_000); // a build with tsc: minutes on a loaded two-core machine
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the generated SDK, built for publishing", () => {
  it("has a .d.ts in dist/ for every .ts source", () => {
    const sources = readFileSync(join(sdk, ".generated-files"), "utf8")
      .split("\n")
      .filter((file) => file.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(30);
    const missing = sources
      .map((file) => file.replace(/\.ts$/, ".d.ts"))
      .filter((file) => !existsSync(join(sdk, "dist", file)));
    expect(missing).toEqual([]);
  });

  it("has a bundled .js for every entry of exports and bin, and no .js but those and the shared chunks", () => {
    const manifest = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8"));
    const entries = [
      ...Object.values(manifest.exports as Record<string, { default?: string }>).flatMap(
        (entry) => entry.default ?? [],
      ),
      ...Object.values(manifest.bin as Record<string, string>),
    ].map((path) => path.replace(/^\.\/dist\//, ""));
    const scripts = readdirSync(join(sdk, "dist"), { recursive: true, encoding: "utf8" }).filter((file) =>
      file.endsWith(".js"),
    );
    expect(entries.filter((entry) => !scripts.includes(entry))).toEqual([]);
    const chunks = scripts.filter((file) => !entries.includes(file));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((file) => !/^chunk-[A-Z0-9]+\.js$/.test(file))).toEqual([]);
  });

  it("still type-checks with its own tsconfig.json beside dist/", () => {
    expect(run(sdk, TSC, "-p", "tsconfig.json")).toEqual({ code: 0, stdout: "", stderr: "" });
  }, 30_000);

  it("serves a strict NodeNext program that type-checks against dist/ and runs on node", () => {
    mkdirSync(app);
    writeFileSync(join(app, "main.ts"), CONSUMER);
    writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG));
    expect(run(app, TSC, "-p", ".")).toEqual({ code: 0, stdout: "", stderr: "" });
    const { code, stdout, stderr } = run(app, "main.js");
    expect([code, stderr]).toEqual([0, ""]);
    expect(JSON.parse(stdout)).toEqual({
      etag: '"v1"',
      sent: [
        "GET https://tasks.twilio.com/v1/Workspaces/WS1/Tasks/WT1 -",
        'POST https://tasks.twilio.com/v1/Workspaces/WS1/Tasks/WT1 "v1"',
      ],
      typed: true,
      status: 412,
    });
  }, 30_000);
});
