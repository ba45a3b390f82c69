/**
 * The merge stage. Takes every spec's model and the texts the run read (to place its errors, and
 * the plan's: it passes the locator on); gives the SDK's domains, each merged from the specs of one
 * host, its versions merged across files (mergeVersions.ts). Conflicts between files stop here, each
 * a located error naming both places.
 */
import type { SpecModel } from "../model/types.js";
import { compareText } from "../util/ordering.js";
import { mergeDomainVersions, type MergedVersion } from "./mergeVersions.js";
import { SpecLocator, type SpecSource } from "./specLocator.js";

export type { MergedVersion } from "./mergeVersions.js";
export type { SpecLocator, SpecSource } from "./specLocator.js";

/** One SDK domain: the specs served from one host (chat v1, v2, v3), their versions merged. */
export interface MergedDomain {
  /** The Twilio host label the domain's specs are served from: `sync`, `flex-api` (the plan names its property). */
  host: string;
  specs: SpecModel[];
  versions: MergedVersion[];
}

/** The merge's output: every spec's model as given, and the domains of those that have versions. */
export interface MergedSdk {
  specs: readonly SpecModel[];
  /** By host. */
  domains: MergedDomain[];
  /** Places errors of the stages after the merge in the texts the run read. */
  locator: SpecLocator;
}

export function mergeSpecs(specs: readonly SpecModel[], sources: readonly SpecSource[]): MergedSdk {
  const locator = new SpecLocator(sources);
  const byDomain = new Map<string, SpecModel[]>();
  for (const spec of specs) {
    if (spec.versions.length > 0) byDomain.set(spec.host, [...(byDomain.get(spec.host) ?? []), spec]);
  }
  const domains = [...byDomain]
    .sort(([a], [b]) => compareText(a, b))
    .map(([host, domainSpecs]) => ({
      host,
      specs: domainSpecs,
      versions: mergeDomainVersions(domainSpecs, locator),
    }));
  return { specs, domains, locator };
}
