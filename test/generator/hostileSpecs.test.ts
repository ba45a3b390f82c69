import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../runtime/server.js";
import { CORPUS_LOCATION, corpusFolders } from "../support/corpus.js";
import { typeCheck } from "./typeCheck.js";

// Hostile specs and file names in Twilio's layout: each generates an SDK that compiles strictly,
// imports without side effects and keeps the hostile strings as data, or is refused with a located error.
const CLI = resolve("generator/run.mjs");
const FIXTURES = resolve("test/fixtures/hostile");
const work = mkdtempSync(join(tmpdir(), "sdk-hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function generate(out: string, ...specs: string[]) {
  const args = [CLI, ...specs.flatMap((spec) => ["--specs", spec]), "--out", out, "--no-cache"];
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** Imports the SDK in a fresh Node process and reports whether that changed any global. */
function importEffects(sdk: string): { globalsAdded: string[]; X: unknown } {
  const script = `
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    await import(${JSON.stringify(pathToFileURL(join(sdk, "index.ts")).href)});
    const globalsAdded = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
    console.log(JSON.stringify({ globalsAdded, X: globalThis.X ?? null }));`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: resolve("."),
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

/** The spec copied under `name`, with a twilio.com server when `host` is given. */
function hostileCopy(folder: string, name: string, host?: string): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  copyFileSync(join(FIXTURES, "file-name/twilio_named_v1.yaml"), path);
  if (host) writeFileSync(path, `${readFileSync(path, "utf8")}servers:\n- url: https://${host}.twilio.com\n`);
  return path;
}

const EVAL_NAME = 'twilio_a"+eval("globalThis.X=42")+"_v1.yaml';
const LINE_BREAK_NAME = "twilio_b\nglobalThis.X=42;\n_v1.yaml";

describe("hostile names and prose (test/fixtures/hostile)", () => {
  const out = join(work, "hostile-sdk");
  let server: TestServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let twilio: any;
  beforeAll(async () => {
    const result = generate(out, join(FIXTURES, "twilio_hostile_v1.yaml"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    server = await startServer();
    const sdk = await import(pathToFileURL(join(out, "index.ts")).href);
    twilio = new sdk.Twilio({ accountSid: "AC1", authToken: "token", baseUrls: { "*": server.origin } });
  }, 120_000);
  afterAll(() => server?.close());

  it("type-checks strictly and imports without side effects", () => {
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
    expect(importEffects(out)).toEqual({ globalsAdded: [], X: null });
  }, 120_000);

  it("writes no control character into any file, and no line of prose as a JSDoc tag", () => {
    const files = listFiles(out).filter((file) => !file.includes("/runtime/"));
    // NUL, ESC, DEL, NEL and the like, and bidirectional overrides and isolates, only ever escaped.
    const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    expect(files.filter((file) => controls.test(readFileSync(file, "utf8")))).toEqual([]);
    const tags = new Set<string>();
    for (const file of files.filter((name) => name.endsWith(".ts"))) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        for (const tag of ts.getJSDocTags(node)) tags.add(tag.tagName.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    // The tags openapi-typescript writes itself; the spec's `@param`, `@returns`, `@deprecated` lines are text.
    expect([...tags].sort()).toEqual(["description", "enum", "example"]);
    const widget = readFileSync(join(out, "hostile/v1/widget.ts"), "utf8");
    expect(widget).toContain("   * \\@param options no tag\n");
    expect(widget).toContain(
      "NUL \\u0000 bell \\u0007 escape \\u001b delete \\u007f next line \\u0085 override \\u202e",
    );
  });

  it("sends hostile and reserved option names on the wire as the spec spells them, and nothing inherited", async () => {
    server.respond(() => ({ body: { widgets: [], meta: {} } }));
    await twilio.hostile.v1.widgets.page({
      startTimeBefore: "t",
      limitParam: "l",
      signalParam: "s",
      constructorParam: "c",
      xEvilHeader: "h",
    });
    const [request] = server.requests;
    const query = new URL(request!.url, server.origin).searchParams;
    expect([...query]).toEqual([
      ["StartTime<", "t"],
      ["Limit", "l"],
      ["Signal", "s"],
      ["constructor", "c"],
    ]);
    expect(request!.headers["x-evil'*|~header"]).toBe("h");
    server.respond(() => ({ body: { widgets: [], meta: {} } }));
    await twilio.hostile.v1.widgets.page();
    expect(server.requests[0]!.url).toBe("/v1/Widgets");
  });

  it("keeps every field reachable: fields named like SDK members get Field, the sub-resource named like a field is renamed", async () => {
    const body = {
      sid: "WI1",
      mutate: "m",
      etag: "e",
      constructor: "c",
      toString: "t",
      context: { state: 1 },
      date_created: "snake",
      dateCreated: "camel",
      "StartTime<": "s",
    };
    server.respond(() => ({ headers: { ETag: '"7"' }, body }));
    const widget = await twilio.hostile.v1.widgets("WI1").fetch();
    expect(widget.raw()).toEqual(body);
    // The fields are the instance's own data, named as its members are; JSON has those the body carries.
    const carried = ["sid", "mutateField", "etagField", "constructorField", "toStringField", "context", "date_created"];
    expect(Object.keys(JSON.parse(JSON.stringify(widget)))).toEqual([...carried, "dateCreated", "StartTime<"]);
    expect(Object.keys(widget)).toEqual(expect.arrayContaining(["headersField", "toJSONField", "resource"]));
    expect(Object.keys(widget)).not.toEqual(expect.arrayContaining(["headers"]));
    expect(widget.etag).toBe('"7"');
    expect(typeof widget.mutate).toBe("function");
    expect(typeof widget.toString).toBe("function");
    expect([widget.mutateField, widget.etagField, widget.constructorField, widget.toStringField]).toEqual([
      "m",
      "e",
      "c",
      "t",
    ]);
    expect([widget.context, widget.date_created, widget.dateCreated, widget["StartTime<"]]).toEqual([
      { state: 1 },
      "snake",
      "camel",
      "s",
    ]);
    server.respond(() => ({ body: { sid: "WI1", state: "x" } }));
    await widget.widgetContext.fetch();
    await twilio.hostile.v1.widgets("WI1").widgetMutate.fetch();
    expect(server.requests.map((request) => request.url)).toEqual([
      "/v1/Widgets/WI1/Context",
      "/v1/Widgets/WI1/Mutate",
    ]);
  });

  it("renames resources mounted as `constructor` or `client`, the class Mounted, and an operation called `Delete`", async () => {
    server.respond(() => ({ body: { things: [], clients: [] } }));
    await twilio.hostile.v1.constructorResource.page();
    await twilio.hostile.v1.clientResource.page();
    expect(typeof twilio.hostile.v1.mounted("M1").fetch).toBe("function");
    server.respond(() => ({ status: 204 }));
    await twilio.hostile.v1.widgets("WI1").remove();
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["DELETE /v1/Widgets/WI1"]);
  });
});

describe("hostile spec file names", () => {
  it("refuses a host that a file name would inject, naming the file, and writes nothing", () => {
    const out = join(work, "refused-sdk");
    const spec = hostileCopy(join(work, "refused-specs"), EVAL_NAME);
    const { code, stdout, stderr } = generate(out, spec);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(
      /^error: .*:\d+:\d+ \(at servers\): the spec declares no https:\/\/<domain>\.twilio\.com server/,
    );
    expect(stderr).toContain(`error: ${spec}:`);
    expect(stderr).toContain("not a DNS label");
    expect(stderr).toContain("fix: declare `servers:");
    expect(existsSync(out)).toBe(false);
  });

  it("keeps file names as data in comments and import paths when the spec names its server", () => {
    const out = join(work, "named-sdk");
    const specs = join(work, "named-specs");
    hostileCopy(specs, EVAL_NAME, "named1");
    hostileCopy(specs, LINE_BREAK_NAME, "named2");
    const result = generate(out, specs);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
    expect(importEffects(out)).toEqual({ globalsAdded: [], X: null });
    const note = readFileSync(join(out, "named1/v1/note.ts"), "utf8");
    expect(note.split("\n")[0]).toContain(`from ${EVAL_NAME}.`);
    expect(note).toContain(`from ${JSON.stringify(`../../schemas/${EVAL_NAME.replace(/\.yaml$/, ".js")}`)};`);
    expect(readFileSync(join(out, "named2/v1/note.ts"), "utf8").split("\n")[0]).toContain(
      "from twilio_b globalThis.X=42; _v1.yaml.",
    );
  }, 120_000);
});

// The oldest release in the corpus names Studio fields like the sub-resources beside them.
const studio = corpusFolders().find((folder) => folder.endsWith("2022-06-29"));
const corpusRequired = process.env.CI === "true";
describe.skipIf(!studio && !corpusRequired)("Studio in twilio-oai 1.30.0 (2022-06-29)", () => {
  it("keeps the field `context` and mounts the sub-resource as `stepContext`, as twilio-node does", () => {
    expect(studio, `${CORPUS_LOCATION}/2022-06-29 is required under CI`).toBeDefined();
    const out = join(work, "studio-sdk");
    const specs = ["twilio_studio_v1.yaml", "twilio_studio_v2.yaml"].map((name) => join(studio!, name));
    const result = generate(out, ...specs);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
    const step = readFileSync(join(out, "studio/v2/flow/execution/execution_step.ts"), "utf8");
    expect(step).toContain('declare readonly context: ExecutionStepResource["context"];');
    expect(step).toContain("get stepContext(): MountedSingleton<ExecutionStepContextList> {");
    const engagement = readFileSync(join(out, "studio/v1/flow/engagement.ts"), "utf8");
    expect(engagement).toContain('declare readonly context: EngagementResource["context"];');
    expect(engagement).toContain("get engagementContext(): MountedSingleton<EngagementContextList> {");
  }, 120_000);
});
