import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { typeCheck } from "../generator/typeCheck.js";

// Adding a service is adding its spec file: no generator change, no registration anywhere.
const work = mkdtempSync(join(tmpdir(), "sdk-new-service-"));
// The service's modules, its schemas and its Twilio double's data.
const LABELS_FILES = [
  "labels/index.ts",
  "labels/v1/index.ts",
  "labels/v1/label.ts",
  "schemas/twilio_labels_v1.ts",
  "testing/data/labels.ts",
];
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One test's own copy of the fixture specs and its own output folder, so that tests run in any order. */
function freshCase() {
  const root = mkdtempSync(join(work, "case-"));
  const specs = join(root, "specs");
  const out = join(root, "sdk");
  cpSync(resolve("test/fixtures/specs"), specs, { recursive: true });
  return {
    out,
    labelsSpec: join(specs, "twilio_labels_v1.yaml"),
    addLabels: () =>
      cpSync(resolve("test/specDiff/fixtures/twilio_labels_v1.yaml"), join(specs, "twilio_labels_v1.yaml")),
    run: () => generate({ specs: [specs], out, check: false }),
    read: (path: string) => readFileSync(join(out, path), "utf8"),
  };
}

/**
 * The files a domain's coming or going changes besides its own: the root client, the package and
 * its documents, and the other domain modules, which state the version (it changes with the content).
 */
const CHANGED_WITH_THE_DOMAIN_SET = [
  "CONCURRENCY.md",
  "README.md",
  "documents/index.ts",
  "hosts.ts",
  "index.ts",
  "ledger/index.ts",
  "package.json",
  "phone/index.ts",
  "tasks/index.ts",
  "testing/index.ts",
];

describe("a spec file added to or removed from the specs folder", () => {
  it("adds a domain to the root client, with its own files and its If-Match operations", async () => {
    const { run, read, addLabels } = freshCase();
    await run();
    expect(read("index.ts")).not.toContain("./labels/");
    addLabels();

    const { changes, report } = await run();

    expect(changes.added).toEqual(LABELS_FILES);
    expect(changes.changed).toEqual(CHANGED_WITH_THE_DOMAIN_SET);
    expect(JSON.parse(read("package.json")).exports["./labels"]).toEqual({
      types: "./dist/labels/index.d.ts",
      default: "./dist/labels/index.js",
    });
    expect(read("index.ts")).toContain('import { Labels } from "./labels/index.js";');
    expect(read("index.ts")).toContain("  get labels(): Labels {\n    return new Labels(this.client);\n  }");
    expect(read("labels/index.ts")).toContain("get v1(): LabelsV1 {");
    expect(read("labels/v1/index.ts")).toContain("get labels(): MountedList<LabelList, LabelContext> {");
    expect(report.ifMatchOperations).toContainEqual(
      expect.objectContaining({ spec: "twilio_labels_v1", call: "labels.v1.labels(Sid).update()" }),
    );
    expect(read("CONCURRENCY.md")).toContain("## `twilio_labels_v1.yaml`");
  }, 120_000);

  it("the SDK with the new domain type-checks (strict)", async () => {
    const { run, read, addLabels, out } = freshCase();
    addLabels();
    await run();
    expect(read("index.ts")).toContain("./labels/");
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
  }, 120_000);

  it("removes the domain cleanly when its spec goes: its files as stale, the getter from the root client", async () => {
    const { run, read, addLabels, labelsSpec, out } = freshCase();
    addLabels();
    await run();
    rmSync(labelsSpec);

    const { changes } = await run();

    expect(changes.removed).toEqual(LABELS_FILES);
    expect(changes.changed).toEqual(CHANGED_WITH_THE_DOMAIN_SET);
    expect(JSON.parse(read("package.json")).exports["./labels"]).toBeUndefined();
    expect(existsSync(join(out, "labels"))).toBe(false);
    expect(read("index.ts")).not.toContain("./labels/");
    expect(read(".generated-files")).not.toContain("labels");
    expect(typeCheck(join(out, "index.ts"))).toEqual([]);
  }, 120_000);
});
