/**
 * `npm run generate` with no flags: the twilio-oai release the lock pins (specs/twilio-oai/) plus
 * the spec files committed directly under specs/, a beta or private service in Twilio's layout.
 * Here in a project of its own whose "release" is our fixture specs; then the committed generated/
 * against this project's own locked release.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";

const CLI = resolve("generator/run.mjs");
const GENERATOR_VERSION = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;
/** The default version: `<spec release>-etag.<generator version>.content-<12 hex digits of the content's hash>`. */
const defaultVersion = (release: string) =>
  new RegExp(`^${release}-etag\\.${GENERATOR_VERSION.replaceAll(".", "\\.")}\\.content-[0-9a-f]{12}$`);
const work = mkdtempSync(join(tmpdir(), "sdk-project-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `folder` with its text, to show that a failed run wrote nothing. */
function tree(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    entries.map((entry) => [
      join(entry.parentPath, entry.name),
      readFileSync(join(entry.parentPath, entry.name), "utf8"),
    ]),
  );
}

describe("npm run generate with no flags, in a project with a lock", () => {
  const project = join(work, "project");
  const specs = join(project, "specs");
  const read = (file: string) => readFileSync(join(project, "generated", file), "utf8");

  beforeEach(() => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(specs, { recursive: true });
    cpSync(resolve("test/fixtures/specs"), join(specs, "twilio-oai"), { recursive: true });
    // A lock as `npm run specs` writes it, pinning these files as release 2.3.4.
    const release = join(specs, "twilio-oai");
    const files = Object.fromEntries(
      readdirSync(release).map((name) => [
        name,
        createHash("sha256")
          .update(readFileSync(join(release, name)))
          .digest("hex"),
      ]),
    );
    const lock = {
      repository: "twilio/twilio-oai",
      tag: "2.3.4",
      commit: null,
      folder: "spec/yaml",
      mirrors: [],
      files,
    };
    writeFileSync(join(specs, "twilio-oai.lock.json"), JSON.stringify(lock));
  });

  it("builds the pinned release and a committed spec as a new service, versioned by the lock's tag", () => {
    cpSync(resolve("test/specDiff/fixtures/twilio_labels_v1.yaml"), join(specs, "twilio_labels_v1.yaml"));
    const { code, stdout, stderr } = run(project);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toContain("specs:                5");
    expect(read("index.ts")).toContain("  get labels(): Labels {\n");
    expect(read("index.ts")).toContain("  get tasks(): Tasks {\n");
    expect(read("labels/index.ts")).toContain("export class Labels {");
    const manifest = JSON.parse(read("package.json"));
    expect(manifest.name).toBe("twilio-etag-sdk");
    expect(manifest.version).toMatch(defaultVersion("2.3.4"));
    expect(Object.keys(manifest.exports)).toEqual([
      ".",
      "./documents",
      "./labels",
      "./ledger",
      "./phone",
      "./tasks",
      "./testing",
      "./package.json",
    ]);
    expect(read("README.md")).toContain("| `twilio-etag-sdk/labels`    | `Labels`    | v1       | 1  ");
    // The committed spec's service has a Twilio double too.
    expect(read("testing/index.ts")).toContain('import { resources as labelsResources } from "./data/labels.js";\n');
    expect(read("testing/data/labels.ts")).toContain('    host: "labels",\n');
  }, 60_000);

  it("takes the package name and version from options", () => {
    const { code } = run(project, "--package-name", "@acme/twilio", "--package-version", "1.2.3");
    expect(code).toBe(0);
    expect(JSON.parse(read("package.json"))).toMatchObject({ name: "@acme/twilio", version: "1.2.3" });
    expect(read("README.md")).toContain("npm install ./acme-twilio-1.2.3.tgz\n");
    expect(read("README.md")).toContain("npm install @acme/twilio@1.2.3\n");
  }, 60_000);

  it("changes the version with the content, a spec added under specs/ included; the same specs give the same files", () => {
    expect(run(project).code).toBe(0);
    const before = tree(join(project, "generated"));
    const version = JSON.parse(read("package.json")).version;
    cpSync(resolve("test/specDiff/fixtures/twilio_labels_v1.yaml"), join(specs, "twilio_labels_v1.yaml"));
    expect(run(project).code).toBe(0);
    const added = JSON.parse(read("package.json")).version;
    expect([version, added]).toEqual([
      expect.stringMatching(defaultVersion("2.3.4")),
      expect.stringMatching(defaultVersion("2.3.4")),
    ]);
    expect(added).not.toBe(version);
    // Every file that states the version states the new one, and the README's install lines name it.
    expect(read("index.ts")).toContain(`version: "${added}"`);
    expect(read("tasks/index.ts")).toContain(`version: "${added}"`);
    expect(read("README.md")).toContain(`npm install ./twilio-etag-sdk-${added}.tgz\n`);
    expect(read("README.md")).toContain(`npm install twilio-etag-sdk@${added}\n`);
    // Taking the spec away gives the first output back, byte for byte.
    rmSync(join(specs, "twilio_labels_v1.yaml"));
    expect(run(project).code).toBe(0);
    expect(tree(join(project, "generated"))).toEqual(before);
  }, 60_000);

  it("refuses an invalid package name or version, naming the option, and writes nothing", () => {
    for (const [option, value, problem] of [
      ["--package-name", "Twilio SDK", '"Twilio SDK" is not a valid npm package name'],
      ["--package-version", "2.3", '"2.3" is not a valid semver version'],
    ]) {
      const { code, stderr } = run(project, option!, value!);
      expect([code, stderr]).toEqual([2, expect.stringContaining(`error: ${option}: ${problem}\n  fix: `)]);
      expect(existsSync(join(project, "generated"))).toBe(false);
    }
  }, 60_000);

  it("refuses a committed spec named like a pinned one, naming both files, and writes nothing", () => {
    run(project);
    const before = tree(join(project, "generated"));
    cpSync(resolve("test/fixtures/specs/twilio_tasks_v1.yaml"), join(specs, "twilio_tasks_v1.yaml"));
    const { code, stderr } = run(project);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "error: specs/twilio_tasks_v1.yaml: twilio_tasks_v1.yaml is also a spec of the pinned release (specs/twilio-oai/twilio_tasks_v1.yaml)\n  fix: ",
    );
    expect(tree(join(project, "generated"))).toEqual(before);
  }, 60_000);

  it("refuses a pinned release edited by hand, naming the file and the command, and writes nothing", () => {
    const tasks = join(specs, "twilio-oai", "twilio_tasks_v1.yaml");
    writeFileSync(tasks, `${readFileSync(tasks, "utf8")}# edited\n`);
    const { code, stderr } = run(project);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "error: specs/twilio-oai: differs from twilio-oai 2.3.4 as specs/twilio-oai.lock.json locks it, and not because the lock moved",
    );
    expect(stderr).toContain("\n  altered: twilio_tasks_v1.yaml: expected sha256 ");
    expect(stderr).toContain("\n  fix: npm run specs -- fetch puts the locked release back");
    expect(existsSync(join(project, "generated"))).toBe(false);
  }, 60_000);

  it("refuses a committed spec for a domain and version of the pinned release, naming both files", () => {
    cpSync(resolve("test/fixtures/specs/twilio_tasks_v1.yaml"), join(specs, "twilio_tasks_beta_v1.yaml"));
    const { code, stderr } = run(project);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: specs\/twilio_tasks_beta_v1\.yaml:\d+:\d+ .* is defined here and at specs\/twilio-oai\/twilio_tasks_v1\.yaml:\d+:\d+/,
    );
    expect(existsSync(join(project, "generated"))).toBe(false);
  }, 60_000);
});

describe("npm run generate with no flags, in a project without a lock", () => {
  it("builds the spec files of specs/, as version 0.0.0-etag.<generator>.content-<hash>", () => {
    const project = join(work, "plain");
    cpSync(resolve("test/fixtures/specs"), join(project, "specs"), { recursive: true });
    const { code } = run(project);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project, "generated/package.json"), "utf8"));
    expect(manifest.version).toMatch(defaultVersion("0.0.0"));
  }, 60_000);
});

// The committed SDK is the locked release's, in specs/twilio-oai/ (the test set-up fetches it).
describe("the committed generated/", () => {
  it("is exactly what npm run generate produces from the locked release", () => {
    const { code, stdout } = run(REPO_ROOT, "--check");
    expect([code, stdout]).toEqual([0, expect.stringContaining("generated is up to date")]);
  }, 300_000);

  it("is the package of the locked release: version <tag>-etag.<generator version>.content-<hash>, an entry per service", () => {
    const lock = join(REPO_ROOT, "specs/twilio-oai.lock.json");
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "generated/package.json"), "utf8"));
    if (existsSync(lock)) {
      const { tag } = JSON.parse(readFileSync(lock, "utf8"));
      expect(manifest.version).toMatch(defaultVersion(tag));
    }
    expect(manifest.exports["./taskrouter"]).toEqual({
      types: "./dist/taskrouter/index.d.ts",
      default: "./dist/taskrouter/index.js",
    });
    expect(Object.keys(manifest.exports).length).toBeGreaterThan(30);
  });
});
