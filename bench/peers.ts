// The peer generators on the same corpus, each in ONE Node 22 process for all specs (drivers in
// bench/peers/), with their default output: no formatter.
import { join } from "node:path";
import type { Corpus } from "./paths.js";
import { node22, peersDir } from "./paths.js";
import { measure, type Measured } from "./spawn.js";
import { median, megabytes, progress, seconds } from "./stats.js";
import { freshDir } from "./temp.js";

export interface PeerFigures {
  seconds: number;
  peakRss: number | undefined;
}

export interface PeersFigures {
  heyApi: PeerFigures;
  openapiTypescript: PeerFigures;
}

async function benchPeer(label: string, driver: string, corpus: Corpus, runs: number): Promise<PeerFigures> {
  const results: Measured[] = [];
  for (let run = 1; run <= runs; run++) {
    const out = freshDir(label.replace(/\W+/g, "-"));
    const result = await measure(
      `${label} ${run}/${runs}`,
      node22,
      [join(peersDir, driver), corpus.dir, out],
      peersDir,
    );
    results.push(result);
    progress(`${label} ${run}/${runs}: ${seconds(result.seconds)}, ${megabytes(result.peakRssBytes ?? 0)}`);
  }
  const rss = results.map((m) => m.peakRssBytes).filter((b): b is number => b !== undefined);
  return {
    seconds: median(results.map((m) => m.seconds)),
    peakRss: rss.length ? Math.max(...rss) : undefined, // the worst run, as for ours
  };
}

export async function benchPeers(corpus: Corpus, runs: number): Promise<PeersFigures> {
  return {
    heyApi: await benchPeer("@hey-api/openapi-ts", "hey-api.mjs", corpus, runs),
    openapiTypescript: await benchPeer("openapi-typescript", "openapi-typescript.mjs", corpus, runs),
  };
}
