// The figures against their targets, as one markdown table (printed, and saved in results.md).
import { markdownTable } from "../generator/util/markdownTable.js";
import { STORED_INSTANCES, type DoubleFigures } from "./double.js";
import type { OursFigures } from "./ours.js";
import type { PeersFigures } from "./peers.js";
import type { FeelFigures } from "./sdk-feel.js";
import { FETCH_RUNTIMES } from "./sdk-users.js";
import type { FetchRuntime, PerRequestFigures, SdkUserFigures } from "./sdk-users.js";
import { bytes, megabytes, ratio, seconds } from "./stats.js";

interface Row {
  metric: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  met: string;
}

const yesNo = (met: boolean): string => (met ? "yes" : "**no**");
const none = "—";

export function buildRows(
  ours: OursFigures,
  peers: PeersFigures,
  floor: number,
  feel: FeelFigures,
  users: SdkUserFigures,
  double: DoubleFigures,
): Row[] {
  return [...generatorRows(ours, peers, floor), ...feelRows(feel), ...sdkUserRows(users), ...doubleRows(double)];
}

/** The generator's targets: against the peers in the same run, and alone. */
const TARGETS = {
  coldVsHeyApi: 0.5,
  coldVsOpenapiTypescript: 0.8,
  peakRssVsHeyApi: 0.6,
  oneSpecChangedSeconds: 1,
  nothingChangedSeconds: 1,
  checkSeconds: 0.5,
};

/** Our generator on the corpus against the peers, and the floor of any generator of the same output. */
export function generatorRows(ours: OursFigures, peers: PeersFigures, floor: number): Row[] {
  const { heyApi, openapiTypescript } = peers;
  const against = (metric: string, value: number, peer: number, limit: number): Row => ({
    metric,
    ours: seconds(value),
    peer: seconds(peer),
    ratio: ratio(value, peer),
    target: `ratio ≤ ${limit}`,
    met: yesNo(value / peer <= limit),
  });
  const alone = (metric: string, value: number, limit: number): Row => ({
    metric,
    ours: seconds(value),
    peer: none,
    ratio: none,
    target: `< ${limit} s`,
    met: yesNo(value < limit),
  });
  const rss = ours.coldPeakRss && heyApi.peakRss ? ours.coldPeakRss / heyApi.peakRss : undefined;
  return [
    against("cold, whole corpus (vs @hey-api/openapi-ts)", ours.cold, heyApi.seconds, TARGETS.coldVsHeyApi),
    against(
      "cold, whole corpus (vs openapi-typescript, types only)",
      ours.cold,
      openapiTypescript.seconds,
      TARGETS.coldVsOpenapiTypescript,
    ),
    {
      metric: "floor: read + parse the same YAML (js-yaml, one thread), write the same bytes (vs our cold run)",
      ours: seconds(floor),
      peer: seconds(ours.cold),
      ratio: ratio(floor, ours.cold),
      target: "(for information)",
      met: none,
    },
    {
      metric: "cold peak RSS (vs @hey-api/openapi-ts)",
      ours: ours.coldPeakRss === undefined ? "n/a" : megabytes(ours.coldPeakRss),
      peer: heyApi.peakRss === undefined ? "n/a" : megabytes(heyApi.peakRss),
      ratio: rss === undefined ? none : rss.toFixed(3),
      target: `ratio ≤ ${TARGETS.peakRssVsHeyApi}`,
      met: rss === undefined ? "n/a" : yesNo(rss <= TARGETS.peakRssVsHeyApi),
    },
    alone("warm, one spec changed", ours.oneSpecChanged, TARGETS.oneSpecChangedSeconds),
    alone("warm, nothing changed", ours.nothingChanged, TARGETS.nothingChangedSeconds),
    alone("`--check`, up to date", ours.check, TARGETS.checkSeconds),
  ];
}

/** The generated SDK as a program's author feels it, against twilio. */
function feelRows(feel: FeelFigures): Row[] {
  const bundle = feel.bundleBytes;
  const tsc = feel.tscSeconds;
  return [
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

const micros = (value: number): string => `${Math.round(value)} µs`;

/** What a user of the generated SDK pays at run time, against twilio in the same run. */
export function sdkUserRows(users: SdkUserFigures): Row[] {
  const { coldStartSeconds: cold, coldStartDomainSeconds: domain, eachPeakRss: rss } = users;
  const thousands = (count: number) => `${count / 1000}k`;
  return [
    {
      metric: "cold start: import + one fetch, root module (vs twilio)",
      ours: seconds(cold.ours),
      peer: seconds(cold.twilio),
      ratio: ratio(cold.ours, cold.twilio),
      target: "ratio ≤ 1.0",
      met: yesNo(cold.ours / cold.twilio <= 1),
    },
    {
      metric: "cold start: import + one fetch, TaskRouter module (vs twilio)",
      ours: seconds(domain.ours),
      peer: seconds(domain.twilio),
      ratio: ratio(domain.ours, domain.twilio),
      target: "ratio ≤ 0.4",
      met: yesNo(domain.ours / domain.twilio <= 0.4),
    },
    ...perRequestRows(users.perRequest),
    {
      metric: "fetch() alone, no SDK: first request in a fresh process (vs twilio's cold start)",
      ours: seconds(users.bareFetch.coldSeconds),
      peer: seconds(cold.twilio),
      ratio: ratio(users.bareFetch.coldSeconds, cold.twilio),
      target: "(floor of any SDK on fetch)",
      met: none,
    },
    {
      metric: `peak RSS, each() over ${thousands(users.items.large)} items in 100 pages (vs twilio)`,
      ours: megabytes(rss.ours),
      peer: megabytes(rss.twilio),
      ratio: ratio(rss.ours, rss.twilio),
      target: "(for information)",
      met: none,
    },
    {
      metric: `peak RSS, each() over ${thousands(users.items.large)} vs ${thousands(users.items.small)} items (ours)`,
      ours: megabytes(rss.ours),
      peer: megabytes(rss.oursSmall),
      ratio: ratio(rss.ours, rss.oursSmall),
      target: "flat: ratio ≤ 1.2",
      met: yesNo(rss.ours / rss.oursSmall <= 1.2),
    },
  ];
}

/**
 * Time per request, 127.0.0.1, every figure from the same run: ours against the floor of any SDK on
 * fetch (fetch() alone), twilio and the floors for information, and node:http alone (keep-alive),
 * the floor of a Node-only transport.
 */
export function perRequestRows(figures: PerRequestFigures): Row[] {
  const { sequential, concurrent, sequentialCpu, concurrentCpu } = figures;
  const modes = [
    ["sequential", sequential],
    ["50 in flight", concurrent],
  ] as const;
  const cpuModes = [
    ["sequential", sequentialCpu],
    ["50 in flight", concurrentCpu],
  ] as const;
  const row = (metric: string, ours: number, peer: number, target: string, limit?: number): Row => ({
    metric,
    ours: micros(ours),
    peer: micros(peer),
    ratio: ratio(ours, peer),
    target,
    met: limit === undefined ? none : yesNo(ours / peer <= limit),
  });
  return [
    ...modes.map(([mode, figures]) =>
      row(
        `time per request, ${mode}, 127.0.0.1, transport "fetch" (vs fetch() alone)`,
        figures.oursOnFetch,
        figures.fetch,
        "ratio ≤ 1.05",
        1.05,
      ),
    ),
    // What a timeout costs on fetch(): undici follows every signal it is given, whoever gives it.
    ...modes.map(([mode, figures]) =>
      row(
        `time per request, ${mode}, 127.0.0.1, transport "fetch" (vs fetch() alone, a signal each)`,
        figures.oursOnFetch,
        figures.fetchSignal,
        "ratio ≤ 1.05",
        1.05,
      ),
    ),
    // The issue's own floor for the SDK as a Node program runs it: the bare fetch() a runtime on fetch cannot beat.
    ...modes.map(([mode, figures]) =>
      row(
        `time per request, ${mode}, 127.0.0.1, default transport: node:http (vs fetch() alone)`,
        figures.ours,
        figures.fetch,
        "ratio ≤ 1.05",
        1.05,
      ),
    ),
    ...modes.map(([mode, figures]) =>
      row(
        `time per request, ${mode}, 127.0.0.1, default transport: node:http (vs node:http alone)`,
        figures.ours,
        figures.http,
        "ratio ≤ 1.05",
        1.05,
      ),
    ),
    ...modes.map(([mode, figures]) =>
      row(`time per request, ${mode}, 127.0.0.1 (vs twilio)`, figures.ours, figures.twilio, "ratio ≤ 1.0", 1),
    ),
    ...modes.map(([mode, figures]) =>
      row(
        `fetch() alone, no SDK: per request, ${mode} (vs twilio)`,
        figures.fetch,
        figures.twilio,
        "(floor of any SDK on fetch)",
      ),
    ),
    ...modes.map(([mode, figures]) =>
      row(
        `node:http alone (keep-alive), no SDK: per request, ${mode} (vs fetch() alone)`,
        figures.http,
        figures.fetch,
        "(floor of a Node-only transport)",
      ),
    ),
    ...modes.map(([mode, figures]) =>
      row(
        `fetch() alone, a signal each, no SDK: per request, ${mode} (vs fetch() alone)`,
        figures.fetchSignal,
        figures.fetch,
        "(what a timeout costs fetch())",
      ),
    ),
    // Where fetch is the only transport: the limit for a runtime on fetch.
    ...FETCH_RUNTIMES.flatMap((runtime) =>
      (["sequential", "concurrent"] as const).map((mode) =>
        row(
          `time per request, ${mode === "concurrent" ? "50 in flight" : mode}, 127.0.0.1, on ${RUNTIME_NAMES[runtime]} (vs fetch() alone there)`,
          figures.fetchRuntimes[runtime][mode].ours,
          figures.fetchRuntimes[runtime][mode].fetch,
          "ratio ≤ 1.05",
          1.05,
        ),
      ),
    ),
    // The same runs in CPU time of each program's process, which a busy machine disturbs least.
    ...cpuModes.flatMap(([mode, cpu]) => [
      row(`client CPU per request, ${mode}, transport "fetch" (vs fetch() alone)`, cpu.oursOnFetch, cpu.fetch, info),
      row(`client CPU per request, ${mode}, node:http (vs node:http alone)`, cpu.ours, cpu.http, info),
      row(`client CPU per request, ${mode}, node:http (vs twilio)`, cpu.ours, cpu.twilio, info),
      row(`client CPU per request, ${mode}, node:http (vs transport "fetch")`, cpu.ours, cpu.oursOnFetch, info),
      row(`node:http alone: client CPU per request, ${mode} (vs fetch() alone)`, cpu.http, cpu.fetch, info),
    ]),
  ];
}

const info = "(for information)";

const RUNTIME_NAMES: Record<FetchRuntime, string> = { deno: "Deno", bun: "Bun" };

const perSecond = (value: number): string => `${Math.round(value).toLocaleString("en-US")} /s`;

/** The Twilio double of the full SDK (generated/testing): what a test suite pays for it. */
export function doubleRows(double: DoubleFigures): Row[] {
  const info = (metric: string, ours: string): Row => ({
    metric,
    ours,
    peer: none,
    ratio: none,
    target: "(for information)",
    met: none,
  });
  return [
    info("double: start-up, full SDK (import + createTwilioDouble() + first answer)", seconds(double.startupSeconds)),
    info(
      "double: requests per second, in-process (double.fetch, one Task fetched)",
      perSecond(double.inProcessPerSecond),
    ),
    info("double: requests per second, HTTP on 127.0.0.1 (its command, 50 in flight)", perSecond(double.httpPerSecond)),
    info(
      `double: heap for ${STORED_INSTANCES.toLocaleString("en-US")} stored Tasks (after GC)`,
      megabytes(double.memoryBytes),
    ),
    {
      metric: "double: a vitest file that starts a double and runs 100 requests",
      ours: seconds(double.testFileSeconds),
      peer: none,
      ratio: none,
      target: "well under 1 s",
      met: yesNo(double.testFileSeconds < 0.5),
    },
  ];
}

export function renderTable(rows: Row[]): string {
  const header = ["metric", "ours", "peer", "ratio", "target", "met?"];
  return markdownTable(
    header,
    rows.map((row) => [row.metric, row.ours, row.peer, row.ratio, row.target, row.met]),
  );
}
