import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SpecDiffReport } from "../../generator/specDiff/diffReport.js";
import { renderDetails, renderSummary, STEP_SUMMARY } from "../../generator/changeReport/renderChangeReport.js";
import { renderMarkdown, specChangeReport } from "../../generator/specDiff/renderReport.js";
import { specDiff } from "../../generator/specDiff/specDiff.js";
import { realSpecsAbsent } from "../support/corpus.js";

// Twilio's real specs at two dates live beside the checkout and are never copied into the project.
const FROM = "../shared/twilio-oai/2025-01-13";
const TO = "../shared/twilio-oai/2026-04-14";
const present = existsSync(FROM) && existsSync(TO);
if (!present) realSpecsAbsent("real spec update test", `${FROM} and ${TO} are needed beside the checkout`);

describe.skipIf(!present)(`the real spec update ${FROM} → ${TO}`, () => {
  let report: SpecDiffReport;
  beforeAll(async () => {
    report = await specDiff([FROM], [TO]);
  }, 300_000);

  it("shows that twilio_preview.yaml lost all its If-Match operations, with the Sync version it dropped", () => {
    const preview = report.concurrency.filter((change) => change.spec === "twilio_preview.yaml");
    expect(preview.filter((change) => change.kind === "if-match-lost").map((change) => change.subject)).toEqual([
      "preview.sync.services(ServiceSid).documents(Sid).update()",
      "preview.sync.services(ServiceSid).syncLists(ListSid).syncListItems(Index).remove()",
      "preview.sync.services(ServiceSid).syncLists(ListSid).syncListItems(Index).update()",
      "preview.sync.services(ServiceSid).syncMaps(MapSid).syncMapItems(Key).remove()",
      "preview.sync.services(ServiceSid).syncMaps(MapSid).syncMapItems(Key).update()",
    ]);
    expect(preview.every((change) => change.severity === "breaking" && change.cause === "version removed")).toBe(true);
    expect(report.concurrencyBySpec).toContainEqual({
      spec: "twilio_preview.yaml",
      ifMatchLost: 5,
      etagLost: 9,
      ifMatchGained: 0,
      etagGained: 0,
    });
    expect([report.from.ifMatchOperations, report.to.ifMatchOperations]).toEqual([19, 15]);
  });

  it("lists the spec files added and removed", () => {
    expect(report.specFiles.added.map((spec) => spec.file)).toEqual([
      "twilio_iam_scim.yaml",
      "twilio_knowledge_v1.yaml",
      "twilio_messaging_v2.yaml",
      "twilio_messaging_v3.yaml",
      "twilio_numbers_v3.yaml",
      "twilio_oauth_v2.yaml",
      "twilio_verify_v3.yaml",
    ]);
    expect(report.specFiles.removed.map((spec) => spec.file)).toEqual(["twilio_microvisor_v1.yaml"]);
  });

  it("reads as the committed report", async () => {
    await expect(renderMarkdown(report)).toMatchFileSnapshot("__snapshots__/twilio-2025-01-13-to-2026-04-14.md");
  });

  it.each([
    // given limits → the summary stays within them, every breaking change counted, the rest in the details
    ["GitHub's job summary", STEP_SUMMARY],
    ["a pull request's description", { bytes: 60_000, lineChars: 1000 }],
    ["a tight budget", { bytes: 12_000, lineChars: 300 }],
  ])("fits %s", (_title, limits) => {
    const summary = renderSummary(specChangeReport(report), { limits, details: "details.md" });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(Math.min(limits.bytes, 1024 * 1024));
    expect(Math.max(...summary.split("\n").map((line) => line.length))).toBeLessThanOrEqual(limits.lineChars);
    expect(summary).toContain(`**${report.breaking} breaking, ${report.additive} additive changes.**`);
    const details = renderDetails(specChangeReport(report));
    for (const service of report.services.filter((each) => each.breaking.length > 0)) {
      expect(details).toContain(`## \`${service.service}\``);
    }
  });
});
