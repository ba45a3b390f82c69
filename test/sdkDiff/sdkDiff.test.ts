import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { compareSdk } from "../../generator/sdkDiff/compareSdk.js";
import { specDiff } from "../../generator/specDiff/specDiff.js";
import type { SdkDiffReport } from "../../generator/sdkDiff/sdkChanges.js";
import { readSdkSurface, type SdkSurface } from "../../generator/sdkDiff/sdkSurface.js";
import { GENERATOR_BIN } from "../support/npmScript.js";

// SDK trees generated from the spec-diff's Notes fixture and from edited copies of it, compared by
// their public API as a user's code sees it.
const NOTES = readFileSync(resolve("test/specDiff/fixtures/twilio_notes_v1.yaml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "sdk-diff-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function sdkFrom(name: string, spec: string): Promise<string> {
  const specs = join(work, `${name}-specs`);
  mkdirSync(specs);
  writeFileSync(join(specs, "twilio_notes_v1.yaml"), spec);
  await generate({ specs: [specs], out: join(work, name), check: false });
  return join(work, name);
}

/** The fixture with one text edit, failing loudly if the text to edit is not there. */
function edited(from: string, to: string): string {
  expect(NOTES).toContain(from);
  return NOTES.replace(from, to);
}

/** The fixture whose Note update no longer declares If-Match. */
const withoutIfMatch = () =>
  edited(
    `        - name: If-Match
          in: header
          description: Apply the update only if the Note's ETag matches.
          schema:
            type: string
`,
    "",
  );

const summary = (report: SdkDiffReport) => report.changes.map((c) => `${c.severity} ${c.kind} ${c.subject}`);

let base: SdkSurface;
const trees: Record<string, string> = {};
beforeAll(async () => {
  trees.base = await sdkFrom("base", NOTES);
  base = readSdkSurface(trees.base);
}, 120_000);

describe("sdk-diff: public API changes between two SDK trees", () => {
  it("no change: the same specs give no change", async () => {
    trees.again = await sdkFrom("again", NOTES);
    expect(compareSdk(base, readSdkSurface(trees.again)).changes).toEqual([]);
  }, 60_000);

  it("a removed If-Match: ifMatch and mutate() lost, breaking", async () => {
    const report = compareSdk(base, readSdkSurface(await sdkFrom("no-if-match", withoutIfMatch())));
    expect(summary(report)).toEqual(
      expect.arrayContaining([
        "breaking if-match-lost notes/v1/note#NoteUpdateOptions.ifMatch",
        "breaking mutate-lost notes/v1/note#NoteContext.mutate()",
        "breaking mutate-lost notes/v1/note#NoteInstance.mutate()",
      ]),
    );
    expect(report.changes.filter((change) => change.section === "concurrency")).toHaveLength(3);
  }, 60_000);

  it("a narrowed option type: an enum value removed is breaking for options, a refinement for fields", async () => {
    const spec = edited("        - published\n        - archived\n", "        - published\n");
    const report = compareSdk(base, readSdkSurface(await sdkFrom("narrowed", spec)));
    const status = report.changes.filter((change) => change.subject.endsWith(".status"));
    expect(status.map((c) => `${c.severity} ${c.kind} ${c.subject}`)).toEqual([
      "breaking option-type-narrowed notes/v1/note#NoteCreateOptions.status",
      "additive field-type-narrowed notes/v1/note#NoteInstance.status",
      "breaking option-type-narrowed notes/v1/note#NotePageOptions.status",
      "breaking option-type-narrowed notes/v1/note#NoteUpdateOptions.status",
    ]);
    expect(status[0]!.detail).toBe('`"draft" | "published" | "archived"` → `"draft" | "published"`');
  }, 60_000);

  it("a new optional option: additive only", async () => {
    const spec = edited(
      "              title: UpdateNoteRequest\n              properties:\n",
      "              title: UpdateNoteRequest\n              properties:\n                Color:\n                  type: string\n",
    );
    const report = compareSdk(base, readSdkSurface(await sdkFrom("new-option", spec)));
    expect(summary(report)).toEqual(["additive option-added notes/v1/note#NoteUpdateOptions.color"]);
  }, 60_000);

  it("a renamed resource class: renamed, breaking, and no ifMatch or mutate() reported lost", async () => {
    const spec = edited(
      "    x-twilio:\n      pathType: list\n",
      "    x-twilio:\n      pathType: list\n      className: memo\n",
    );
    const after = readSdkSurface(
      await sdkFrom(
        "renamed",
        spec.replace("      pathType: instance\n", "      pathType: instance\n      className: memo\n"),
      ),
    );
    const report = compareSdk(base, after);
    expect(summary(report)).toEqual([
      "breaking class-renamed notes/v1/note#NoteContext",
      "breaking type-renamed notes/v1/note#NoteCreateOptions",
      "breaking type-renamed notes/v1/note#NoteFetchOptions",
      "breaking class-renamed notes/v1/note#NoteInstance",
      "breaking class-renamed notes/v1/note#NoteList",
      "breaking class-renamed notes/v1/note#NotePage",
      "breaking type-renamed notes/v1/note#NotePageOptions",
      "breaking type-renamed notes/v1/note#NoteRemoveOptions",
      "breaking type-renamed notes/v1/note#NoteUpdateOptions",
    ]);
    const detail = (subject: string) => report.changes.find((change) => change.subject === subject)?.detail;
    expect(detail("notes/v1/note#NoteContext")).toBe("now `notes/v1/memo#MemoContext`");
    // Fetch and remove options have the same members: each is paired with its own new name.
    expect(detail("notes/v1/note#NoteFetchOptions")).toBe("now `notes/v1/memo#MemoFetchOptions`");
    expect(detail("notes/v1/note#NoteRemoveOptions")).toBe("now `notes/v1/memo#MemoRemoveOptions`");
    expect(report.changes.filter((change) => change.section === "concurrency")).toEqual([]);
  }, 60_000);

  it("members users reach through a runtime base or the context an instance delegates to", () => {
    const inherited = join(work, "inherited");
    cpSync(trees.base!, inherited, { recursive: true });
    const resource = join(inherited, "runtime/resource.ts");
    // each() gone from the base of every list that pages.
    writeFileSync(
      resource,
      readFileSync(resource, "utf8").replace(/\n {2}\/\*\*\n {3}\* Iterates[^]*?\n {2}\}\n/, "\n"),
    );
    expect(base.classes["notes/v1/note#NoteList"]!.methods).toHaveProperty("list");
    expect(base.classes["notes/v1/note#NoteInstance"]!.methods).toHaveProperty("mutate");
    expect(summary(compareSdk(base, readSdkSurface(inherited)))).toEqual([
      "breaking method-removed notes/v1/note#NoteList.each()",
      "breaking method-removed runtime/resource#PagedList.each()",
    ]);
  }, 60_000);

  it("a generator-only change (same specs): seen here, though spec-diff sees nothing", () => {
    // What an upgraded generator could emit from the same specs: a runtime export dropped from the
    // root, and remove() resolving nothing instead of true.
    const upgraded = join(work, "upgraded");
    cpSync(trees.base!, upgraded, { recursive: true });
    const runtimePublic = join(upgraded, "runtime/public.ts");
    writeFileSync(runtimePublic, readFileSync(runtimePublic, "utf8").replace("  RepeatedPageLinkError,\n", ""));
    const note = join(upgraded, "notes/v1/note.ts");
    writeFileSync(
      note,
      readFileSync(note, "utf8").replace(
        /Promise<boolean> \{\n( {4}await this\.client\.request\([^\n]*\);\n) {4}return true;\n/,
        "Promise<void> {\n$1",
      ),
    );

    const cli = spawnSync(
      process.execPath,
      [GENERATOR_BIN, "sdk-diff", "--from", trees.base!, "--to", upgraded, "--format", "json", "--fail-on", "breaking"],
      { encoding: "utf8" },
    );
    const report = JSON.parse(cli.stdout) as SdkDiffReport;

    expect(cli.status).toBe(1);
    expect(summary(report)).toEqual(
      expect.arrayContaining([
        "breaking method-return-changed notes/v1/note#NoteContext.remove()",
        expect.stringMatching(/^breaking export-removed \. /),
      ]),
    );
    const specDiff = spawnSync(
      process.execPath,
      [
        GENERATOR_BIN,
        "spec-diff",
        "--from",
        join(work, "base-specs"),
        "--to",
        join(work, "base-specs"),
        "--fail-on",
        "additive",
      ],
      { encoding: "utf8" },
    );
    expect(specDiff.status).toBe(0);
  }, 60_000);

  const colorOption = (spec: string) =>
    spec.replace(
      "                RemindAt:",
      "                Color:\n                  type: string\n                RemindAt:",
    );
  it.each<[string, () => string, { spec: string[]; sdk: string[] }]>([
    // given: an edit of the spec → want: the severities each diff gives its changes, and sdk-diff's kinds
    [
      "an optional response field added",
      () =>
        edited(
          "          description: When the Note was last changed.\n",
          "          description: When the Note was last changed.\n        color:\n          type: string\n          nullable: true\n",
        ),
      {
        spec: ["additive field-added"],
        // The schemas' `components` interface gains the property too: additive wherever it is read.
        sdk: ["additive field-added", "additive method-return-extended", "additive option-type-extended"],
      },
    ],
    [
      "a response field removed",
      () =>
        edited("        priority:\n          type: integer\n          description: Higher numbers come first.\n", ""),
      {
        spec: ["breaking field-removed"],
        sdk: ["breaking field-removed", "breaking method-return-changed", "breaking option-type-changed"],
      },
    ],
    [
      "an optional request parameter added",
      () => colorOption(NOTES),
      { spec: ["additive parameter-added"], sdk: ["additive option-added"] },
    ],
    [
      "a required request parameter added",
      () =>
        colorOption(
          edited("                - FriendlyName\n", "                - FriendlyName\n                - Color\n"),
        ),
      { spec: ["breaking parameter-added-required"], sdk: ["breaking option-added-required"] },
    ],
  ])(
    "one severity in both diffs: %s",
    async (title, spec, want) => {
      const name = title.replace(/\W+/g, "-");
      const after = await sdkFrom(name, spec());
      const specs = (tree: string) => join(work, `${tree}-specs`);
      const specReport = await specDiff([specs("base")], [specs(name)]);
      const changes = [
        ...specReport.concurrency,
        ...specReport.services.flatMap((s) => [...s.breaking, ...s.additive]),
      ];
      const kinds = (list: readonly { severity: string; kind: string }[]) =>
        [...new Set(list.map((change) => `${change.severity} ${change.kind}`))].sort();
      expect({ spec: kinds(changes), sdk: kinds(compareSdk(base, readSdkSurface(after)).changes) }).toEqual(want);
    },
    60_000,
  );

  it("reads a git REF:PATH as well as a folder, and prints Markdown", async () => {
    const repo = join(work, "repo");
    cpSync(trees.base!, join(repo, "sdk"), { recursive: true });
    const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "sdk");
    const noIfMatch = await sdkFrom("git-no-if-match", withoutIfMatch());

    const cli = spawnSync(process.execPath, [GENERATOR_BIN, "sdk-diff", "--from", "HEAD:sdk", "--to", noIfMatch], {
      cwd: repo,
      encoding: "utf8",
    });

    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(
      /^# SDK API change report\n\nFrom `HEAD:sdk` to `[^`]+`\.\n\n\*\*\d+ breaking, 0 additive changes\.\*\*\n/,
    );
    expect(cli.stdout).toContain(
      "## Concurrency: `ifMatch` and `mutate()`\n\n3 breaking, 0 additive.\n\nBreaking:\n\n",
    );
    expect(cli.stdout).toContain("- `notes/v1/note#NoteUpdateOptions.ifMatch`: `ifMatch` lost\n");
  }, 60_000);

  it("refuses what is neither a folder nor a git REF:PATH, with exit 2", () => {
    const cli = spawnSync(
      process.execPath,
      [GENERATOR_BIN, "sdk-diff", "--from", join(work, "missing"), "--to", trees.base!],
      { encoding: "utf8" },
    );
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("no such folder, nor a git REF:PATH");
  });
});
