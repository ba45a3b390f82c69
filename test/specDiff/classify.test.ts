import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiSurface } from "../../generator/specDiff/apiSurface.js";
import type { Change } from "../../generator/specDiff/changes.js";
import { compareSurfaces } from "../../generator/specDiff/compareSurfaces.js";
import { loadSpecs } from "../../generator/load/loadSpec.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";

const NOTES = "twilio_notes_v1.yaml";
const LABELS = "twilio_labels_v1.yaml";
const notes = readFileSync(`test/specDiff/fixtures/${NOTES}`, "utf8");
const labels = readFileSync(`test/specDiff/fixtures/${LABELS}`, "utf8");

/** Replaces text that must be in the spec, so a fixture edit never silently misses. */
function edit(text: string, from: string | RegExp, to: string): string {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`the fixture has no ${from}`);
  return edited;
}

/** The classified changes between two sets of spec texts (file name → YAML). */
async function changesOf(before: Record<string, string>, after: Record<string, string>): Promise<Change[]> {
  const texts = (side: string, specs: Record<string, string>) =>
    Object.entries(specs).map(([name, text]) => ({ file: `${side}/${name}`, text }));
  const models = (await loadSpecs([...texts("before", before), ...texts("after", after)])).map(buildSpecModel);
  const side = (name: string) => models.filter((model) => model.file.startsWith(`${name}/`));
  return compareSurfaces(apiSurface(side("before")), apiSurface(side("after")));
}

/** A change in one line: severity, kind, SDK subject, then what it is about. */
function line(change: Change): string {
  const types = change.before !== undefined ? `${change.before} → ${change.after}` : undefined;
  return [change.severity, change.kind, change.subject, change.name, types, change.values?.join(", "), change.cause]
    .filter((part) => part !== undefined && part !== "")
    .join(" | ");
}

const createForm = "              required:\n                - FriendlyName\n";

describe("classifying the changes between two spec sets", () => {
  it.each<[string, (spec: string) => string, string[]]>([
    // given: what the new spec changes → want: the classified changes
    ["nothing", (spec) => spec, []],
    [
      "a parameter removed",
      (spec) => edit(spec, "                Priority:\n                  type: integer\n", ""),
      ["breaking | parameter-removed | notes.v1.notes.create() | priority"],
    ],
    [
      "a parameter made required",
      (spec) => edit(spec, createForm, `${createForm}                - Status\n`),
      ["breaking | parameter-now-required | notes.v1.notes.create() | status"],
    ],
    [
      "a required parameter made optional",
      (spec) => edit(spec, createForm, ""),
      ["additive | parameter-now-optional | notes.v1.notes.create() | friendlyName"],
    ],
    [
      "an optional parameter added",
      (spec) =>
        edit(
          spec,
          "                RemindAt:",
          "                Color:\n                  type: string\n                RemindAt:",
        ),
      ["additive | parameter-added | notes.v1.notes.create() | color"],
    ],
    [
      "a required parameter added",
      (spec) =>
        edit(
          edit(
            spec,
            "                RemindAt:",
            "                Color:\n                  type: string\n                RemindAt:",
          ),
          createForm,
          `${createForm}                - Color\n`,
        ),
      ["breaking | parameter-added-required | notes.v1.notes.create() | color"],
    ],
    [
      "an enum value removed (from the schema three options share)",
      (spec) => edit(spec, "        - archived\n", ""),
      [
        "breaking | enum-values-removed | notes.v1.notes(Sid).update() | status | archived",
        "breaking | enum-values-removed | notes.v1.notes.create() | status | archived",
        "breaking | enum-values-removed | notes.v1.notes.page() | status | archived",
      ],
    ],
    [
      "an enum value added",
      (spec) => edit(spec, "        - archived\n", "        - archived\n        - pinned\n"),
      [
        "additive | enum-values-added | notes.v1.notes(Sid).update() | status | pinned",
        "additive | enum-values-added | notes.v1.notes.create() | status | pinned",
        "additive | enum-values-added | notes.v1.notes.page() | status | pinned",
      ],
    ],
    [
      "a parameter type changed",
      (spec) =>
        edit(
          spec,
          "                Priority:\n                  type: integer",
          "                Priority:\n                  type: string",
        ),
      ["breaking | parameter-type-changed | notes.v1.notes.create() | priority | integer → string"],
    ],
    [
      "a format that leaves the TypeScript type alone",
      (spec) =>
        edit(
          spec,
          "                Priority:\n                  type: integer",
          "                Priority:\n                  type: integer\n                  format: int64",
        ),
      ["additive | parameter-format-changed | notes.v1.notes.create() | priority | integer → integer (int64)"],
    ],
    [
      "a date format dropped (the option no longer takes a Date)",
      (spec) =>
        edit(
          spec,
          "                RemindAt:\n                  type: string\n                  format: date-time",
          "                RemindAt:\n                  type: string",
        ),
      ["breaking | parameter-type-changed | notes.v1.notes.create() | remindAt | string (date-time) → string"],
    ],
    [
      "If-Match gained",
      (spec) =>
        edit(
          spec,
          "      description: Delete a Note.\n      parameters:\n",
          "      description: Delete a Note.\n      parameters:\n        - name: If-Match\n          in: header\n          schema:\n            type: string\n",
        ),
      ["additive | if-match-gained | notes.v1.notes(Sid).remove()"],
    ],
    [
      "If-Match lost",
      (spec) => edit(spec, /        - name: If-Match\n(.*\n){4}/, ""),
      ["breaking | if-match-lost | notes.v1.notes(Sid).update()"],
    ],
    [
      "ETag lost",
      (spec) =>
        edit(spec, /          headers:\n(.*\n){3}(?=          description: OK\n      operationId: FetchNote)/, ""),
      ["breaking | etag-lost | notes.v1.notes(Sid).fetch() | 200"],
    ],
    [
      "an operation removed, taking nothing from concurrency",
      (spec) => edit(spec, /    delete:\n[^]*operationId: DeleteNote\n/, ""),
      ["breaking | operation-removed | notes.v1.notes(Sid).remove()"],
    ],
    [
      "an operation removed, taking If-Match and ETag with it",
      (spec) => edit(spec, /    post:\n      description: Update a Note[^]*?(?=    delete:)/, ""),
      [
        "breaking | if-match-lost | notes.v1.notes(Sid).update() | operation removed",
        "breaking | etag-lost | notes.v1.notes(Sid).update() | 200 | operation removed",
        "breaking | operation-removed | notes.v1.notes(Sid).update()",
      ],
    ],
    [
      "a response field removed",
      (spec) =>
        edit(
          spec,
          "        priority:\n          type: integer\n          description: Higher numbers come first.\n",
          "",
        ),
      ["breaking | field-removed | notes.v1.notes | priority"],
    ],
    [
      "a resource renamed: same path, another class",
      (spec) =>
        spec.replace(
          /    x-twilio:\n      pathType: (list|instance)\n/g,
          "    x-twilio:\n      pathType: $1\n      className: memo\n",
        ),
      ["breaking | resource-renamed | notes.v1.notes | notes.v1.notes → notes.v1.notes | class Note → Memo"],
    ],
    [
      "a resource renamed: another path, the same operations",
      (spec) => spec.replace(/\/v1\/Notes/g, "/v1/Memos"),
      [
        "breaking | resource-renamed | notes.v1.memos | notes.v1.notes → notes.v1.memos | class Note → Memo, path /Notes → /Memos",
      ],
    ],
  ])("%s", async (_given, change, want) => {
    const changes = await changesOf({ [NOTES]: notes }, { [NOTES]: change(notes) });
    expect(changes.map(line).sort()).toEqual([...want].sort());
  });

  it("a service added: one additive change, and its If-Match and ETag listed per operation", async () => {
    const changes = await changesOf({ [NOTES]: notes }, { [NOTES]: notes, [LABELS]: labels });
    expect(changes.map(line)).toEqual([
      "additive | service-added | labels | v1",
      "additive | etag-gained | labels.v1.labels(Sid).fetch() | 200 | service added",
      "additive | if-match-gained | labels.v1.labels(Sid).update() | service added",
    ]);
    expect(changes[0]).toMatchObject({ spec: LABELS, size: { resources: 1, operations: 2 } });
  });

  it("a service removed: breaking, and its If-Match operations are lost one by one", async () => {
    const changes = await changesOf({ [NOTES]: notes, [LABELS]: labels }, { [NOTES]: notes });
    expect(changes.map(line)).toEqual([
      "breaking | service-removed | labels | v1",
      "breaking | etag-lost | labels.v1.labels(Sid).fetch() | 200 | service removed",
      "breaking | if-match-lost | labels.v1.labels(Sid).update() | service removed",
    ]);
  });
});
