/**
 * The content-hash cache saves time and nothing else: after spec edits a warm run writes exactly
 * what a run without the cache writes, and it renders again only the files an edit can reach.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { CONTENT_STAMP } from "../../generator/plan/sdkPackage.js";

const work = mkdtempSync(join(tmpdir(), "cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One test's own specs, output and cache, so that no test depends on another having run. */
interface Case {
  specs: string;
  tasksSpec: string;
  phoneSpec: string;
  out: string;
  cache: string;
}

/**
 * A copy of the fixture specs in which the Reservation's worker name is a component schema of its
 * own, reached only through the Reservation schema: the edits below must find it through that `$ref`.
 */
function freshCase(): Case {
  const root = mkdtempSync(join(work, "case-"));
  const specs = join(root, "specs");
  cpSync("test/fixtures/specs", specs, { recursive: true });
  const cache = join(root, "cache");
  mkdirSync(cache);
  const testCase = {
    specs,
    tasksSpec: join(specs, "twilio_tasks_v1.yaml"),
    phoneSpec: join(specs, "twilio_phone_v2010.yaml"),
    out: join(root, "sdk"),
    cache,
  };
  editTasksSpec(
    testCase,
    /( {8}worker_name:\n)[\s\S]*?(?= {8}reservation_status:)/,
    "$1          $ref: '#/components/schemas/reservation_worker_name'\n",
  );
  editTasksSpec(
    testCase,
    "    tasks.v1.workspace.workspace_statistics:\n",
    "    reservation_worker_name:\n      type: string\n      nullable: true\n      description: The name of the Worker.\n" +
      "    tasks.v1.workspace.workspace_statistics:\n",
  );
  return testCase;
}

/** A fresh case whose cache already holds a first run's output. */
async function warmCase(): Promise<Case> {
  const testCase = freshCase();
  await warmRun(testCase);
  return testCase;
}

/** Every file under `folder`, by relative path, with its text. */
function tree(folder: string): Map<string, string> {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(folder, path), readFileSync(path, "utf8")];
    }),
  );
}

function editTasksSpec({ tasksSpec }: Case, from: string | RegExp, to: string): void {
  const text = readFileSync(tasksSpec, "utf8");
  const edited = text.replace(from, to);
  expect(edited).not.toBe(text);
  writeFileSync(tasksSpec, edited);
}

/**
 * The files the cache's entries keep (a domain's entry, the entry of the root files), by the key of
 * the view each was rendered from, with their paths. A damaged entry keeps none.
 */
function keptFiles(cache: string): Map<string, string> {
  const kept = new Map<string, string>();
  for (const text of tree(cache).values()) {
    let files: unknown;
    try {
      files = (JSON.parse(text) as { files?: unknown }).files;
    } catch {
      continue;
    }
    if (!Array.isArray(files)) continue;
    for (const file of files as { path?: unknown; source?: unknown }[])
      if (typeof file?.source === "string" && typeof file.path === "string") kept.set(file.source, file.path);
  }
  return kept;
}

/** Generates into `out` with the shared cache; answers the files it rendered: kept from a view no entry had before. */
async function warmRun({ specs, out, cache }: Case, version?: string): Promise<string[]> {
  const before = keptFiles(cache);
  await generate({ specs: [specs], out, check: false, cacheDir: cache, package: { version } });
  const rendered = [...keptFiles(cache)].filter(([source]) => !before.has(source)).map(([, path]) => path);
  return [...new Set(rendered)].sort();
}

async function matchesUncachedRun({ specs, out }: Case, version?: string): Promise<void> {
  const fresh = mkdtempSync(join(work, "fresh-"));
  await generate({ specs: [specs], out: fresh, check: false, package: { version } });
  expect(tree(out)).toEqual(tree(fresh));
}

/** The files of the fixture SDK that state its version: package.json, the README, the root and each domain module. */
const VERSION_STATED = [
  "README.md",
  "documents/index.ts",
  "index.ts",
  "ledger/index.ts",
  "package.json",
  "phone/index.ts",
  "tasks/index.ts",
];

describe("the content-hash cache", () => {
  it("renders every file on the first run, and the same as without the cache", async () => {
    const testCase = freshCase();

    const rendered = await warmRun(testCase);

    expect(rendered).toContain("tasks/v1/workspace/task/task_reservation.ts");
    expect(rendered.length).toBeGreaterThan(30);
    await matchesUncachedRun(testCase);
  });

  it("gives the same files from models read back from the cache as from models just built", async () => {
    const testCase = freshCase();
    await warmRun(testCase);
    // Another output folder: no whole-run shortcut, so every model comes from the cache's JSON.
    const again = { ...testCase, out: mkdtempSync(join(work, "again-")) };

    await warmRun(again);

    await matchesUncachedRun(again);
  });

  it("after a schema edit, renders the files whose `$ref`s reach it, directly or not, and no others", async () => {
    const testCase = await warmCase();
    editTasksSpec(testCase, "description: The name of the Worker.", "description: The name the Worker goes by.");

    const rendered = await warmRun(testCase);

    // The files that state the version are not rendered again: its new stamp is swapped into their
    // text (plan/sdkPackage.ts).
    expect(rendered.sort()).toEqual(["schemas/twilio_tasks_v1.ts", "tasks/v1/workspace/task/task_reservation.ts"]);
    for (const path of VERSION_STATED) {
      const text = readFileSync(join(testCase.out, path), "utf8");
      expect(text, path).toMatch(new RegExp(CONTENT_STAMP.source));
      expect(text, path).not.toContain(".content-000000000000");
    }
    expect(readFileSync(join(testCase.out, "schemas/twilio_tasks_v1.ts"), "utf8")).toContain(
      "The name the Worker goes by.",
    );
    await matchesUncachedRun(testCase);
  });

  it("after an operation edit, renders the module that holds the operation", async () => {
    const testCase = await warmCase();
    editTasksSpec(testCase, "operationId: FetchActivity", "operationId: FetchActivity\n      deprecated: true");

    const rendered = await warmRun(testCase);

    expect(rendered).toContain("tasks/v1/workspace/activity.ts");
    expect(rendered).not.toContain("tasks/v1/workspace/task.ts");
    expect(rendered).not.toContain("tasks/v1/workspace.ts");
    await matchesUncachedRun(testCase);
  });

  it("after a new resource, renders its parent and version too", async () => {
    const testCase = await warmCase();
    const text = readFileSync(testCase.tasksSpec, "utf8");
    // A second copy of the Activity paths under a new collection name: a new child of Workspace.
    const activities = /\n {2}\/v1\/Workspaces\/\{WorkspaceSid\}\/Activities:\n[\s\S]*?(?=\n {2}\/v1\/)/.exec(
      text,
    )?.[0];
    expect(activities).toBeDefined();
    const moods = activities!
      .replace("/Activities:", "/Moods:")
      .replace(/operationId: (\w+)Activity/g, "operationId: $1Mood")
      .replace(/className: activity/g, "className: mood")
      .replace(/mountName: activities/g, "mountName: moods");
    writeFileSync(testCase.tasksSpec, text.replace("\npaths:\n", `\npaths:${moods}\n`));

    const rendered = await warmRun(testCase);

    expect(rendered).toContain("tasks/v1/workspace.ts");
    expect(rendered).not.toContain("tasks/v1/workspace/task/task_reservation.ts");
    await matchesUncachedRun(testCase);
  });

  it("after a new resource of the default account, renders the root client (its shortcuts) too", async () => {
    const testCase = await warmCase();
    const text = readFileSync(testCase.phoneSpec, "utf8");
    const calls = /\n {2}\/2010-04-01\/Accounts\/\{AccountSid\}\/Calls\.json:\n[\s\S]*?(?=\n {2}\/2010-04-01\/)/.exec(
      text,
    )?.[0];
    expect(calls).toBeDefined();
    const faxes = calls!
      .replace("/Calls.json:", "/Faxes.json:")
      .replace(/operationId: (\w+)Call\b/g, "operationId: $1Fax");
    writeFileSync(testCase.phoneSpec, text.replace("\npaths:\n", `\npaths:${faxes}\n`));

    const rendered = await warmRun(testCase);

    expect(rendered).toContain("index.ts");
    expect(readFileSync(join(testCase.out, "index.ts"), "utf8")).toContain("get faxes()");
    await matchesUncachedRun(testCase);
  });

  it("after a property's description edit, renders the module whose getter documents it", async () => {
    const testCase = await warmCase();
    editTasksSpec(
      testCase,
      "description: The reason the Task was canceled or completed, if any.",
      "description: Why the Task was canceled or completed, if it was.",
    );

    const rendered = await warmRun(testCase);

    expect(rendered).toContain("tasks/v1/workspace/task.ts");
    expect(readFileSync(join(testCase.out, "tasks/v1/workspace/task.ts"), "utf8")).toContain(
      "Why the Task was canceled or completed, if it was.",
    );
    await matchesUncachedRun(testCase);
  });

  it("after one spec changed, plans and renders its own domain only, even with the last entries of the files gone", async () => {
    const testCase = await warmCase();
    // The entries that name each domain's last entry, and the entry of the root files: only the
    // domains' own entries can spare their render.
    const lastEntries = [...tree(testCase.cache)].filter(
      ([, text]) => /^[0-9a-f]{64}$/.test(text) || text.startsWith('{"files":'),
    );
    expect(lastEntries).toHaveLength(5);
    for (const [path] of lastEntries) rmSync(join(testCase.cache, path));
    editTasksSpec(testCase, "description: The name of the Worker.", "description: The name the Worker goes by.");
    const before = new Set(tree(testCase.cache).keys());

    await warmRun(testCase);

    // The domains planned again: those the run wrote an entry for.
    const written = [...tree(testCase.cache)].filter(
      ([path, text]) => !before.has(path) && text.startsWith('{"summary":'),
    );
    const planned = written.flatMap(([, text]) => (JSON.parse(text) as { files: { path: string }[] }).files);
    const plannedPaths = planned.map((file) => file.path);
    expect(plannedPaths).toContain("tasks/v1/workspace/task/task_reservation.ts");
    const otherDomains = /^(documents|ledger|phone)\/|^schemas\/twilio_(documents|ledger|phone)_/;
    expect(plannedPaths.filter((path) => otherDomains.test(path))).toEqual([]);
    await matchesUncachedRun(testCase);
  });

  it("keeps a first run's files in an entry per domain, and the root files in one", async () => {
    const testCase = freshCase();

    const rendered = await warmRun(testCase);

    // Beside them: a model per spec, the whole run's record, and the name of each domain's last entry.
    const entries = [...tree(testCase.cache).keys()].filter((path) => !path.endsWith("CACHEDIR.TAG"));
    expect(entries).toHaveLength(4 + 4 + 1 + 4 + 1);
    expect(rendered.length).toBeGreaterThan(entries.length);
    await matchesUncachedRun(testCase);
  });

  it("plans a domain again when its entries are damaged, and writes what a run without the cache writes", async () => {
    const testCase = await warmCase();
    const domainEntries = [...tree(testCase.cache)].filter(([, text]) => text.startsWith('{"summary":'));
    expect(domainEntries.map(([path]) => path)).toHaveLength(4);
    const [truncated, reshaped, ...garbled] = domainEntries.map(([path]) => join(testCase.cache, path));
    writeFileSync(truncated!, readFileSync(truncated!, "utf8").slice(0, 100));
    writeFileSync(reshaped!, JSON.stringify({ summary: {}, files: [{ path: "tasks/index.ts" }] }));
    for (const path of garbled) writeFileSync(path, "\u0000not json");
    // The entry of the root files, and those naming each domain's last entry.
    const [rest, ...lastEntries] = [...tree(testCase.cache)]
      .filter(([, text]) => text.startsWith('{"files":') || /^[0-9a-f]{64}$/.test(text))
      .sort(([, a], [, b]) => b.length - a.length)
      .map(([path]) => join(testCase.cache, path));
    writeFileSync(rest!, JSON.stringify({ files: [{ path: "index.ts", source: 1 }] }));
    for (const path of lastEntries) writeFileSync(path, "0".repeat(64));
    // Another output folder: no whole-run shortcut.
    const again = { ...testCase, out: mkdtempSync(join(work, "again-")) };

    await warmRun(again);

    await matchesUncachedRun(again);
  });

  it("builds a spec's model again when its entry is damaged, instead of stopping on it", async () => {
    const testCase = await warmCase();
    // Model entries are the JSON of a spec model: the only entries that name the spec file.
    const modelEntries = [...tree(testCase.cache)].filter(([, text]) => text.startsWith('{"file":'));
    expect(modelEntries.length).toBeGreaterThan(0);
    for (const [path, text] of modelEntries) writeFileSync(join(testCase.cache, path), text.slice(0, 50));
    const again = { ...testCase, out: mkdtempSync(join(work, "again-")) };

    await warmRun(again);

    await matchesUncachedRun(again);
  });

  it("after a package version change, renders every module that names the version (domains and the root client)", async () => {
    const testCase = freshCase();
    await warmRun(testCase, "1.0.0");

    const rendered = await warmRun(testCase, "1.0.1");

    expect(rendered).toEqual(expect.arrayContaining(["index.ts", "package.json", "README.md", "tasks/index.ts"]));
    expect(readFileSync(join(testCase.out, "tasks/index.ts"), "utf8")).toContain('version: "1.0.1"');
    await matchesUncachedRun(testCase, "1.0.1");
  });
});
