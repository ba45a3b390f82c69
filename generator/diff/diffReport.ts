import type { ApiSurface } from "./apiSurface.js";
import { CHANGE_KINDS, SECTIONS, sectionOf, type Change, type Section } from "./changes.js";
import { changeText } from "./changeText.js";
import { compareText } from "../util/ordering.js";

/** The spec-change report: plain data, rendered as Markdown or written as JSON. */
export interface SpecDiffReport {
  from: SpecSetSummary;
  to: SpecSetSummary;
  specFiles: { added: SpecFile[]; removed: SpecFile[] };
  breaking: number;
  additive: number;
  /** Counts per kind of subject, in report order. */
  sections: { section: Section; title: string; breaking: number; additive: number }[];
  /** `If-Match` and `ETag` gained or lost, per operation: breaking first. */
  concurrency: ReportedChange[];
  /** The same, counted per spec file. */
  concurrencyBySpec: ConcurrencyCounts[];
  /** Every other change, per service in name order, breaking first. */
  services: ServiceChanges[];
}

export interface SpecSetSummary {
  /** The specs path as given. */
  label: string;
  specs: number;
  operations: number;
  ifMatchOperations: number;
  etagOperations: number;
}

export interface SpecFile {
  file: string;
  operations: number;
}

export interface ConcurrencyCounts {
  spec: string;
  ifMatchLost: number;
  etagLost: number;
  ifMatchGained: number;
  etagGained: number;
}

export interface ServiceChanges {
  service: string;
  specs: string[];
  /** How many of the service's changes are listed under concurrency instead. */
  concurrency: number;
  breaking: ReportedChange[];
  additive: ReportedChange[];
}

export interface ReportedChange extends Change {
  /** The change in words (Markdown), without its subject. */
  message: string;
}

const SECTION_TITLES: Record<Section, string> = {
  concurrency: "Optimistic concurrency (If-Match, ETag)",
  services: "Services",
  versions: "Versions",
  resources: "Resources",
  operations: "Operations",
  parameters: "Parameters",
  responseFields: "Response fields",
};

export function buildDiffReport(
  labels: { from: string; to: string },
  before: ApiSurface,
  after: ApiSurface,
  changes: readonly Change[],
): SpecDiffReport {
  const reported = [...changes].sort(byReportOrder).map((change) => ({ ...change, message: changeText(change) }));
  const bySection = (section: Section) => reported.filter((change) => sectionOf(change.kind) === section);
  const oldFiles = new Set(before.specFiles.map((spec) => spec.file));
  const newFiles = new Set(after.specFiles.map((spec) => spec.file));
  return {
    from: summarize(labels.from, before),
    to: summarize(labels.to, after),
    specFiles: {
      added: after.specFiles.filter((spec) => !oldFiles.has(spec.file)),
      removed: before.specFiles.filter((spec) => !newFiles.has(spec.file)),
    },
    breaking: count(reported, "breaking"),
    additive: count(reported, "additive"),
    sections: SECTIONS.map((section) => ({
      section,
      title: SECTION_TITLES[section],
      breaking: count(bySection(section), "breaking"),
      additive: count(bySection(section), "additive"),
    })),
    concurrency: bySection("concurrency").sort(bySeverityThenKind),
    concurrencyBySpec: countsBySpec(bySection("concurrency")),
    services: servicesOf(reported, before, after),
  };
}

/** Per service, every change but the concurrency ones (which have their own section, and are counted). */
function servicesOf(changes: readonly ReportedChange[], before: ApiSurface, after: ApiSurface): ServiceChanges[] {
  const specsOf = new Map([...before.services, ...after.services].map((service) => [service.name, service.specs]));
  const isConcurrency = (change: Change) => sectionOf(change.kind) === "concurrency";
  const listed = changes.filter((change) => !isConcurrency(change));
  const names = [...new Set(listed.map((change) => change.service))].sort(compareText);
  return names.map((service) => {
    const own = listed.filter((change) => change.service === service);
    return {
      service,
      specs: specsOf.get(service) ?? [],
      concurrency: changes.filter((change) => change.service === service && isConcurrency(change)).length,
      breaking: own.filter((change) => change.severity === "breaking"),
      additive: own.filter((change) => change.severity === "additive"),
    };
  });
}

function countsBySpec(changes: readonly Change[]): ConcurrencyCounts[] {
  const specs = [...new Set(changes.map((change) => change.spec))].sort(compareText);
  return specs.map((spec) => {
    const own = (kind: Change["kind"]) =>
      changes.filter((change) => change.spec === spec && change.kind === kind).length;
    return {
      spec,
      ifMatchLost: own("if-match-lost"),
      etagLost: own("etag-lost"),
      ifMatchGained: own("if-match-gained"),
      etagGained: own("etag-gained"),
    };
  });
}

function summarize(label: string, surface: ApiSurface): SpecSetSummary {
  const operations = surface.services.flatMap((service) =>
    service.versions.flatMap((version) => version.resources.flatMap((resource) => resource.operations)),
  );
  return {
    label,
    specs: surface.specFiles.length,
    operations: operations.length,
    ifMatchOperations: operations.filter((operation) => operation.ifMatch).length,
    etagOperations: operations.filter((operation) => operation.etagStatuses.length > 0).length,
  };
}

/** Breaking first, then by service, subject, kind (in the classification table's order) and name. */
function byReportOrder(a: Change, b: Change): number {
  return (
    breakingFirst(a, b) ||
    compareText(a.service, b.service) ||
    compareText(a.subject, b.subject) ||
    CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
    compareText(a.name ?? "", b.name ?? "")
  );
}

/** Concurrency changes read best grouped: every `If-Match` lost, then every `ETag` lost, then the gains. */
function bySeverityThenKind(a: Change, b: Change): number {
  return breakingFirst(a, b) || CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind);
}

function breakingFirst(a: Change, b: Change): number {
  return Number(b.severity === "breaking") - Number(a.severity === "breaking");
}

function count(changes: readonly Change[], severity: Change["severity"]): number {
  return changes.filter((change) => change.severity === severity).length;
}
