import { fillKeys, sdkPaths } from "../model/sdkPaths.js";
import type { SpecModel } from "../model/types.js";
import { UNKNOWN_RELEASE, type SdkPackage } from "../plan/sdkPackage.js";
import type { ServicePlan } from "../plan/types.js";
import { buildReport } from "../report/buildReport.js";

/** What package.json.hbs shows: the identity and one export entry per service. */
export function packageView(sdkPackage: SdkPackage, services: readonly ServicePlan[]) {
  return {
    ...sdkPackage,
    description:
      `Twilio's REST API with optimistic concurrency (ETag / If-Match) first-class, generated from ` +
      `${specSource(sdkPackage)} by twilio-etag-sdk-generator ${sdkPackage.generatorVersion}.`,
    services: services.map(({ subpath }) => ({
      key: `./${subpath}`,
      types: `./dist/${subpath}/index.d.ts`,
      js: `./dist/${subpath}/index.js`,
    })),
  };
}

/** What readme.md.hbs shows: the identity, a quick-start call, and the services table. */
export function readmeView(sdkPackage: SdkPackage, services: readonly ServicePlan[], specs: readonly SpecModel[]) {
  const report = buildReport(specs);
  const specsOf = (service: ServicePlan) => new Set(specs.filter((spec) => spec.domain === service.domain.property));
  const counted = services.map((service) => {
    const names = new Set([...specsOf(service)].map((spec) => spec.name));
    return {
      service,
      ifMatch: report.ifMatchOperations.filter((entry) => names.has(entry.spec)).length,
      etag: report.etagResponses.filter((entry) => names.has(entry.spec)).length,
    };
  });
  const rows = counted.map(({ service, ifMatch, etag }) => [
    `\`${sdkPackage.name}/${service.subpath}\``,
    `\`${service.domain.className}\``,
    service.domain.versions.map((version) => version.property).join(", "),
    String(ifMatch),
    String(etag),
  ]);
  const header = ["import", "client", "versions", "If-Match operations", "ETag responses"];
  // The service with the most If-Match operations shows the quick start.
  const ranked = [...counted].sort((a, b) => b.ifMatch - a.ifMatch);
  const example = ranked
    .map(({ service }) => quickStart(service, [...specsOf(service)]))
    .find((found) => found !== undefined);
  return { ...sdkPackage, source: specSource(sdkPackage), report, example, servicesTable: markdownTable(header, rows) };
}

/** Where the specs come from: a twilio-oai release, or specs of no known release (version 0.0.0). */
function specSource({ specRelease }: SdkPackage): string {
  return specRelease === UNKNOWN_RELEASE ? "specs of no twilio-oai release" : `twilio-oai ${specRelease}`;
}

/**
 * A context of `service` to read and then update with `ifMatch` alone, with HTTP Basic: an update
 * that takes `If-Match` and no required option, beside a fetch that returns an ETag.
 */
function quickStart(service: ServicePlan, specs: SpecModel[]) {
  for (const spec of specs) {
    for (const version of spec.versions) {
      for (const { node, instance } of sdkPaths(version.resources, `${service.domain.property}.${version.property}`)) {
        const update = node.instanceOperations.find((operation) => operation.kind === "update" && operation.ifMatch);
        const fetch = node.instanceOperations.find((operation) => operation.kind === "fetch");
        const basic = update?.security.includes("basic") && fetch?.security.includes("basic");
        const optional = update?.options.every((option) => !option.required) && !update.jsonBody?.required;
        if (!update || !fetch || fetch.etagResponses.length === 0 || !basic || !optional) continue;
        const keys = [...update.path.matchAll(/\{([^}]+)\}/g)].map((match) => JSON.stringify(`<${match[1]}>`));
        return {
          className: service.domain.className,
          property: service.domain.property,
          subpath: service.subpath,
          context: fillKeys(instance, keys),
        };
      }
    }
  }
  return undefined;
}

/** A Markdown table laid out as prettier lays it out: every column as wide as its widest cell. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const escaped = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, "\\|")));
  const widths = header.map((_, column) => Math.max(3, ...escaped.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  const [head, ...body] = escaped;
  return [line(head!), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}
