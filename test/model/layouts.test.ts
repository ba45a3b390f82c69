import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/util/diagnostics.js";
import { generate } from "../../generator/generate.js";
import { loadSpecs, readSpecTexts } from "../../generator/load/loadSpec.js";
import { findSpecFiles } from "../../generator/load/specFiles.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import { resourceHints } from "../../generator/model/resourcePaths.js";
import { resourceNames } from "../../generator/plan/resourceNames.js";
import { planSdk } from "../../generator/plan/planSdk.js";
import { sdkPackage } from "../../generator/plan/sdkPackage.js";
import { typeCheck } from "../generator/typeCheck.js";

// Small spec sets in Twilio's layout, one folder per merge rule (merge/mergeVersions.ts).
const FIXTURES = "test/fixtures/layouts";

/** The SDK a fixture folder plans, one line per version and resource module: its spec, operation constants and mounts. */
async function layout(folder: string): Promise<string[]> {
  const texts = readSpecTexts(findSpecFiles([join(FIXTURES, folder)]));
  const specs = await loadSpecs(texts);
  const identity = sdkPackage({}, { version: "0.0.0", typescript: "5.9.3", esbuild: "0.28.2" });
  const plan = planSdk(mergeSpecs(specs.map(buildSpecModel), texts), "runtime", "templates/static", identity);
  return plan.files.flatMap((file) => {
    if (file.kind === "version") return [`${file.path}: ${file.view.roots.map((root) => root.mountName).join(" ")}`];
    if (file.kind !== "resource") return [];
    const { source, listOperations, listChildren, context } = file.view;
    const names = (methods: typeof listOperations) => methods.map((method) => method.constName);
    const mounts = (children: typeof listChildren) => children.map((child) => child.mountName);
    return [
      `${file.path} (${source.replace(/\.yaml$/, "")}): list [${names(listOperations)}] ${mounts(listChildren)}; ` +
        `instance [${names(context?.operations ?? [])}] ${mounts(context?.children ?? [])}`,
    ];
  });
}

describe("layouts that merge", () => {
  it.each([
    [
      "two-files-one-version",
      // One v1 module; the second file's parts hang under the first file's gadgets.
      [
        "gadgets/v1/bin.ts (twilio_gadgets_parts): list [] ; instance [deleteBin] ",
        "gadgets/v1/gadget.ts (twilio_gadgets_v1): list [] ; instance [fetchGadget] parts",
        "gadgets/v1/gadget/part.ts (twilio_gadgets_parts): list [] ; instance [fetchPart] ",
        "gadgets/v1/index.ts: bins gadgets",
      ],
    ],
    [
      "sdk-edition",
      // twilio_widgets_sdk.yaml's widget replaces twilio_widgets_v1.yaml's; the notes stay.
      [
        "widgets/v1/index.ts: widgets",
        "widgets/v1/widget.ts (twilio_widgets_sdk): list [] ; instance [fetchWidget] notes",
        "widgets/v1/widget/note.ts (twilio_widgets_v1): list [] ; instance [fetchNote] ",
      ],
    ],
    [
      "versionless-path",
      // `/healthcheck.json` of twilio_beacons_v2010 joins `/2010-04-01/...` in the one v2010 module.
      [
        "beacons/v2010/account.ts (twilio_beacons_v2010): list [] ; instance [] beacons",
        "beacons/v2010/account/beacon.ts (twilio_beacons_v2010): list [createBeacon] ; instance [] ",
        "beacons/v2010/health_check.ts (twilio_beacons_v2010): list [fetchHealthCheck] ; instance [] ",
        "beacons/v2010/index.ts: accounts healthcheck",
      ],
    ],
    [
      "shared-path",
      // `ListKey` and `CreateNewKey` share `Keys.json`: `keys` and `newKeys`, as twilio-node has them.
      [
        "vault/v2010/account.ts (twilio_vault_v2010): list [] ; instance [] keys,newKeys",
        "vault/v2010/account/key.ts (twilio_vault_v2010): list [listKey] ; instance [deleteKey,fetchKey] ",
        "vault/v2010/account/new_key.ts (twilio_vault_v2010): list [createNewKey] ; instance [] ",
        "vault/v2010/index.ts: accounts",
      ],
    ],
  ])("%s", async (folder, want) => {
    expect(await layout(folder)).toEqual(want);
  });

  it.each([
    // given the path's collection, its className, the operation and the path's operations → want its
    // resource's hints (the model) and names (the plan)
    [["Accounts", "{AccountSid}", "Keys"], "new_key", "ListKey", ["ListKey", "CreateNewKey"], {}, ["Key", "keys"]],
    [
      ["Accounts", "{AccountSid}", "Keys"],
      "new_key",
      "CreateNewKey",
      ["ListKey", "CreateNewKey"],
      { className: "new_key", sharedPath: true },
      ["NewKey", "newKeys"],
    ],
    [
      ["Accounts", "{AccountSid}", "OutgoingCallerIds"],
      "validation_request",
      "CreateValidationRequest",
      ["ListOutgoingCallerId", "CreateValidationRequest"],
      { className: "validation_request", sharedPath: true },
      ["ValidationRequest", "validationRequests"],
    ],
    // One resource on the path: the className applies to every operation.
    [
      ["Keys"],
      "signing_key",
      "ListSigningKey",
      ["ListSigningKey"],
      { className: "signing_key" },
      ["SigningKey", "keys"],
    ],
  ])(
    "on %j with className %s, %s is named by its id",
    (collection, className, operationId, pathOperationIds, wantHints, wantNames) => {
      const hints = resourceHints(collection, { className, operationId, pathOperationIds });
      const names = resourceNames(collection, hints);
      expect(hints).toEqual(wantHints);
      expect([names.className, names.mountName]).toEqual(wantNames);
    },
  );

  it("emits SDKs that type-check strictly", async () => {
    const out = mkdtempSync(join(tmpdir(), "sdk-layouts-"));
    try {
      const folders = ["two-files-one-version", "sdk-edition", "versionless-path", "shared-path"];
      await generate({ specs: folders.map((folder) => join(FIXTURES, folder)), out, check: false });
      expect(typeCheck(join(out, "index.ts"))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("layouts that conflict: a located error naming both places, nothing written", () => {
  const out = mkdtempSync(join(tmpdir(), "sdk-layouts-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const at = (folder: string, file: string, line: number, pointer: string) =>
    `${FIXTURES}/${folder}/${file}:${line}:7 (at paths.${pointer})`;

  it.each([
    [
      "conflict",
      `${at("conflict", "twilio_gizmos_v1.yaml", 18, "/v1/Gizmos/{Sid}.get")}: resource /Gizmos is defined here ` +
        `and at ${at("conflict", "twilio_gizmos_extra.yaml", 18, "/v1/Gizmos/{GizmoSid}.get")}\n` +
        "  fix: define each resource in one file, or drop one of the two definitions",
    ],
    [
      // Stricter than "the same method": a resource module types its operations from one spec's schemas.
      "resource-in-two-files",
      `${at("resource-in-two-files", "twilio_gizmos_v1.yaml", 18, "/v1/Gizmos/{Sid}.get")}: resource /Gizmos ` +
        `is defined here and at ${at("resource-in-two-files", "twilio_gizmos_extra.yaml", 18, "/v1/Gizmos/{GizmoSid}.delete")}\n` +
        "  fix: define each resource in one file, or drop one of the two definitions",
    ],
    [
      "same-operation-twice",
      // Within one file the model's method check meets it first: both operations and both paths named.
      "test/fixtures/layouts/same-operation-twice/twilio_gizmos_v1.yaml:36:20 (at paths./v1/Gizmos/{GizmoSid}.get.operationId): " +
        "FetchGizmo (GET /v1/Gizmos/{Sid}) and FetchGizmoAgain (GET /v1/Gizmos/{GizmoSid}) both become the method `fetch` " +
        "of the resource /Gizmos\n" +
        "  fix: keep one of them, or give one another prefix (Create, Fetch, Update, Patch, Delete, List) or an `x-twilio.mountName` of its own",
    ],
    [
      "case-clash",
      `${at("case-clash", "twilio_gizmos_v1.yaml", 36, "/v1/accounts/{Sid}.get")}: path /accounts differs only in case ` +
        `from /Accounts at ${at("case-clash", "twilio_gizmos_v1.yaml", 18, "/v1/Accounts/{Sid}.get")}: both would be ` +
        "the SDK member `accounts`\n" +
        "  fix: spell the two paths alike (the SDK cannot tell them apart), or give one an x-twilio mountName",
    ],
    [
      "parameters-without-parent",
      `${at("parameters-without-parent", "twilio_gizmos_v1.yaml", 18, "/v1/Gizmos/{GroupSid}/{Sid}.get")}: resource /Gizmos/{GroupSid} ` +
        "needs path parameters (GroupSid) that no parent resource provides\n" +
        "  fix: give the path a parent path in the spec",
    ],
  ])("%s", async (folder, want) => {
    const target = join(out, folder);
    const run = generate({ specs: [join(FIXTURES, folder)], out: target, check: false });
    await expect(run).rejects.toBeInstanceOf(GeneratorError);
    await expect(run).rejects.toMatchObject({ message: want });
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });
});
