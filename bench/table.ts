// The figures against their targets, as one markdown table (printed, and saved in results.md).
import type { OursFigures } from "./ours.js";
import type { PeersFigures } from "./peers.js";
import type { FeelFigures } from "./sdk-feel.js";
import { bytes, megabytes, ratio, seconds } from "./stats.js";

interface Row {
  metric: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  met: string;
}

const GB = 1e9;
const yesNo = (met: boolean): string => (met ? "yes" : "**no**");
const none = "—";

export function buildRows(ours: OursFigures, peers: PeersFigures, feel: FeelFigures): Row[] {
  const { heyApi, openapiTypescript } = peers;
  const coldVsHey = ours.cold / heyApi.seconds;
  const bundle = feel.bundleBytes;
  const tsc = feel.tscSeconds;
  const alone = (metric: string, value: number, limit: number): Row => ({
    metric,
    ours: seconds(value),
    peer: none,
    ratio: none,
    target: `< ${limit} s`,
    met: yesNo(value < limit),
  });
  return [
    {
      metric: "cold, whole corpus (vs @hey-api/openapi-ts)",
      ours: seconds(ours.cold),
      peer: seconds(heyApi.seconds),
      ratio: coldVsHey.toFixed(3),
      target: "ratio ≤ 1.0",
      met: yesNo(coldVsHey <= 1),
    },
    {
      metric: "cold, whole corpus (vs openapi-typescript, types only)",
      ours: seconds(ours.cold),
      peer: seconds(openapiTypescript.seconds),
      ratio: ratio(ours.cold, openapiTypescript.seconds),
      target: "(for information)",
      met: none,
    },
    {
      metric: "cold peak RSS (vs @hey-api/openapi-ts)",
      ours: ours.coldPeakRss === undefined ? "n/a" : megabytes(ours.coldPeakRss),
      peer: heyApi.peakRss === undefined ? "n/a" : megabytes(heyApi.peakRss),
      ratio: ours.coldPeakRss && heyApi.peakRss ? ratio(ours.coldPeakRss, heyApi.peakRss) : none,
      target: "< 1 GB",
      met: ours.coldPeakRss === undefined ? "n/a" : yesNo(ours.coldPeakRss < GB),
    },
    alone("warm, one spec changed", ours.oneSpecChanged, 2),
    alone("warm, nothing changed", ours.nothingChanged, 1),
    alone("`--check`, up to date", ours.check, 1),
    {
      metric: "bundle, one TaskRouter fetch, packed SDK (vs twilio)",
      ours: bytes(bundle.ours),
      peer: bytes(bundle.twilio),
      ratio: ratio(bundle.ours, bundle.twilio),
      target: "ratio ≤ 0.05 (1/20)",
      met: yesNo(bundle.ours / bundle.twilio <= 1 / 20),
    },
    {
      metric: "`tsc --noEmit`, same program, packed SDK's .d.ts (vs twilio)",
      ours: seconds(tsc.published),
      peer: seconds(tsc.twilio),
      ratio: ratio(tsc.published, tsc.twilio),
      target: "ratio ≤ 0.5",
      met: yesNo(tsc.published / tsc.twilio <= 0.5),
    },
    {
      metric: "`tsc --noEmit`, same program, SDK's .ts sources (vs twilio)",
      ours: seconds(tsc.sources),
      peer: seconds(tsc.twilio),
      ratio: ratio(tsc.sources, tsc.twilio),
      target: "(for information)",
      met: none,
    },
  ];
}

export function renderTable(rows: Row[]): string {
  const header = ["metric", "ours", "peer", "ratio", "target", "met?"];
  const cells = rows.map((row) => [row.metric, row.ours, row.peer, row.ratio, row.target, row.met]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]): string => `| ${values.map((value, i) => value.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}
