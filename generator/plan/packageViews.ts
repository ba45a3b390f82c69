import type { SpecModel } from "../model/types.js";
import type { SpecReport } from "./concurrencySurface.js";
import { domainProperty, namedVersions } from "./resourceNames.js";
import { fillKeys, sdkPaths } from "./sdkPaths.js";
import { UNKNOWN_RELEASE, type SdkPackage } from "./sdkPackage.js";
import type { ServicePlan } from "./types.js";
import type { ConcurrencyView, PackageView, ReadmeView } from "./views.js";

/** The Twilio double's entry and the package's command (its `bin`), bundled beside the services. */
const TESTING_ENTRIES = ["testing/index.ts", "testing/cli.ts"];

/**
 * tsc writes only the .d.ts files; esbuild bundles each entry into dist/ at the path `exports` names,
 * with `--splitting` so that entries share their code in chunks: one copy of each class (instanceof
 * holds whichever entries a program mixes), and tens of modules to load where tsc's output had hundreds.
 */
function buildScript(entries: readonly string[]): string {
  const esbuild = "--bundle --splitting --format=esm --platform=neutral --target=es2022 --outbase=. --outdir=dist";
  return `tsc -p tsconfig.build.json && esbuild ${entries.join(" ")} ${esbuild} --log-level=warning`;
}

/** What package.json.hbs shows: the identity and one export entry per service. */
export function packageView(sdkPackage: SdkPackage, services: readonly ServicePlan[]): PackageView {
  return {
    name: sdkPackage.name,
    version: sdkPackage.version,
    typescript: sdkPackage.typescript,
    esbuild: sdkPackage.esbuild,
    buildScript: buildScript(["index.ts", ...services.map(({ subpath }) => `${subpath}/index.ts`), ...TESTING_ENTRIES]),
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
export function readmeView(
  sdkPackage: SdkPackage,
  services: readonly ServicePlan[],
  specs: readonly SpecModel[],
  report: SpecReport,
): ReadmeView {
  const specsOf = (service: ServicePlan) =>
    new Set(specs.filter((spec) => domainProperty(spec.host) === service.domain.property));
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
  return {
    name: sdkPackage.name,
    version: sdkPackage.version,
    tarball: `${sdkPackage.name.replace(/^@/, "").replace("/", "-")}-${sdkPackage.version}.tgz`,
    generatorVersion: sdkPackage.generatorVersion,
    source: specSource(sdkPackage),
    counts: { specs: report.specs, operations: report.operations },
    example,
    services: { header, rows },
  };
}

/** Per spec, the operations that take `ifMatch` and the responses that carry an ETag. */
export function concurrencyView(specs: readonly SpecModel[], report: SpecReport): ConcurrencyView {
  const perSpec = specs.map((spec) => ({
    file: baseName(spec.file),
    ifMatch: report.ifMatchOperations
      .filter((entry) => entry.spec === spec.name)
      .map((entry) => ({ call: entry.call, operationId: entry.operationId, request: `${entry.method} ${entry.path}` })),
    etag: report.etagResponses
      .filter((entry) => entry.spec === spec.name)
      .map(({ call, operationId, status, header }) => ({ call, operationId, status, header })),
  }));
  return {
    counts: { ifMatch: report.ifMatchOperations.length, etag: report.etagResponses.length, specs: report.specs },
    specs: perSpec.filter((spec) => spec.ifMatch.length + spec.etag.length > 0),
    without: perSpec.filter((spec) => spec.ifMatch.length + spec.etag.length === 0).map((spec) => spec.file),
  };
}

/** The file name of a path, on any platform. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!;
}

/** Where the specs come from: a twilio-oai release, or specs of no known release (version 0.0.0). */
function specSource({ specRelease }: SdkPackage): string {
  return specRelease === UNKNOWN_RELEASE ? "specs of no twilio-oai release" : `twilio-oai ${specRelease}`;
}

/**
 * A context of `service` to read and then update with `ifMatch` alone, with HTTP Basic: an update
 * that takes `If-Match` and no required option, beside a fetch that returns an ETag.
 */
function quickStart(service: ServicePlan, specs: SpecModel[]): ReadmeView["example"] {
  for (const spec of specs) {
    for (const version of namedVersions(spec)) {
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
