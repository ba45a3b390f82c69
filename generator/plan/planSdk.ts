/**
 * The plan stage. Takes the merged models (merge/mergeSpecs.ts) and the package identity; gives every
 * output file with its path and its view (views.ts): exactly what its template renders, every name
 * decided here.
 */
import { readdirSync } from "node:fs";
import { posix } from "node:path";
import type { MergedDomain, MergedSdk, SpecLocator } from "../merge/mergeSpecs.js";
import type { SpecModel } from "../model/types.js";
import { GeneratorError } from "../util/diagnostics.js";
import {
  HOSTS_MODULE,
  importedNames,
  importPath,
  RUNTIME_INDEX,
  RUNTIME_PUBLIC,
  schemasFile,
  typeName,
  valueName,
} from "./modulePaths.js";
import { childClasses, domainNames, resourceFiles, versionNames } from "./names.js";
import { domainProperty, namedVersion } from "./resourceNames.js";
import { hasIntegerKey, planResource } from "./planResource.js";
import type { SdkPackage } from "./sdkPackage.js";
import { baseName, concurrencyView, packageView, readmeView } from "./packageViews.js";
import { buildReport, type SpecReport } from "./concurrencySurface.js";
import { recursiveTypes } from "./recursiveTypes.js";
import { resourceView } from "./resourceView.js";
import { doubleDataFile, doubleEntryFiles } from "./doubleData.js";
import type { DomainPlan, NamedResource, NamedVersion, SdkPlan, ServicePlan } from "./types.js";
import type { ChildMount, DefaultAccountView, ImportPlan, PlannedFile, SdkIdentity, VersionView } from "./views.js";
import { compareText } from "../util/ordering.js";

/**
 * Files the SDK folder needs to type-check, bundle and build (`npm run build`: dist/) on its own, and
 * its .gitignore (what packing leaves behind). Output path → the file of templates/static: npm never
 * packs a file named .gitignore, so the generator's own tarball carries that one as `gitignore`.
 */
const STATIC_FILES: Record<string, string> = {
  ".gitignore": "gitignore",
  ".prettierrc.json": ".prettierrc.json",
  "tsconfig.build.json": "tsconfig.build.json",
  "tsconfig.json": "tsconfig.json",
};

/** One domain's plan: its files (its specs' schemas modules among them), and what the root files need of it. */
export interface PlannedDomain {
  domain: DomainPlan;
  files: PlannedFile[];
  accounts: AccountRoute[];
}

/**
 * How planSdk has each domain planned: `plan` plans it; a wrapper may answer without calling it
 * (generate.ts: the cache, which then adds the domain's files itself). A domain's plan depends on
 * the domain and the package identity alone, which is what the cache keys it by.
 */
export type DomainPlanner = (domain: MergedDomain, plan: () => PlannedDomain) => PlannedDomain;

/**
 * Decides every output file: where each domain, version and resource module goes, what it is
 * called and what it imports. Specs that share a domain (chat v1, v2, v3) share its module, and
 * specs that share a domain and version share the version's module (merge/mergeVersions.ts).
 */
export function planSdk(
  merged: MergedSdk,
  runtimeFolder: string,
  staticFolder: string,
  sdkPackage: SdkPackage,
  planDomains: DomainPlanner = (_domain, plan) => plan(),
): SdkPlan {
  const { specs } = merged;
  const files = copiedFiles(runtimeFolder, staticFolder);
  const sdk = { name: sdkPackage.name, version: sdkPackage.version };
  const domainPlans: DomainPlan[] = [];
  const accounts: AccountRoute[] = [];
  for (const { domain, property } of namedDomains(merged.domains)) {
    const planned = planDomains(domain, () => planDomain(domain, property, sdk, merged.locator));
    domainPlans.push(planned.domain);
    files.push(...planned.files);
    accounts.push(...planned.accounts);
  }
  // After the domains, whose plan refuses a bad name at its place in the spec.
  const report = buildReport(specs);
  // Root shortcuts only when one version has an account: with two, `twilio.calls` would be ambiguous.
  const taken = new Set([...domainPlans.map((domain) => domain.property), "client"]);
  const defaultAccount =
    accounts.length === 1
      ? { ...accounts[0]!.view, shortcuts: accounts[0]!.children.filter((name) => !taken.has(name)) }
      : undefined;
  files.push({ path: "index.ts", kind: "client", view: clientView(domainPlans, defaultAccount, sdk) });
  const hosts = [...new Set(domainPlans.map((domain) => domain.host))];
  files.push({ path: HOSTS_MODULE, kind: "hosts", view: { hosts } });
  files.push({ path: "CONCURRENCY.md", kind: "concurrency", view: concurrencyView(specs, report) });
  files.push(
    ...doubleEntryFiles(domainPlans.map(({ property }) => ({ property, folder: domainNames(property).folder }))),
  );
  files.push(...planPackage(sdkPackage, domainPlans, specs, report));
  return { files: files.sort((a, b) => compareText(a.path, b.path)), report };
}

/** The domains by the property the root client mounts each under; two hosts of one property are refused. */
function namedDomains(domains: readonly MergedDomain[]): { domain: MergedDomain; property: string }[] {
  const named = domains
    .map((domain) => ({ domain, property: domainProperty(domain.host) }))
    .sort((a, b) => compareText(a.property, b.property));
  named.forEach(({ domain, property }, index) => {
    const before = named[index - 1];
    if (before?.property !== property) return;
    throw new GeneratorError(
      { file: domain.specs[0]!.file },
      `the hosts ${before.domain.host} (${before.domain.specs[0]!.file}) and ${domain.host} would both be the SDK member \`${property}\``,
      "serve the spec from the same host as the other, or from a host of another name",
    );
  });
  return named;
}

/** The runtime and the static files, copied as they are. */
function copiedFiles(runtimeFolder: string, staticFolder: string): PlannedFile[] {
  // The runtime, and the Twilio double's engine (runtime/testing/) beside it.
  const runtimeFiles = ["", "testing/"].flatMap((folder) =>
    readdirSync(posix.join(runtimeFolder, folder))
      .filter((name) => name.endsWith(".ts"))
      .sort(compareText)
      .map((name) => folder + name),
  );
  return [
    ...runtimeFiles.map((name) => ({ path: `runtime/${name}`, source: posix.join(runtimeFolder, name) })),
    ...Object.entries(STATIC_FILES).map(([path, name]) => ({ path, source: posix.join(staticFolder, name) })),
  ].map((file) => ({ ...file, kind: "copy" as const }));
}

/** A version's `accounts` resource: where the root client's default account lives, and its sub-resources. */
export interface AccountRoute {
  view: Omit<DefaultAccountView, "shortcuts">;
  children: string[];
}

/** One domain: its module, its specs' schemas modules, its versions' modules and resources, and any account resource among them. */
function planDomain(
  { host, specs, versions: merged }: MergedDomain,
  property: string,
  sdk: SdkIdentity,
  locator: SpecLocator,
): PlannedDomain {
  const { folder, className } = domainNames(property);
  const versions = merged.map((version) => namedVersion(version, locator));
  const domainFile = `${folder}/index.ts`;
  const versionFolder = (version: NamedVersion) => `${folder}/${versionNames(className, version.property).folder}`;
  const domain: DomainPlan = {
    className,
    property,
    host,
    modulePath: domainFile,
    runtimeImport: importPath(domainFile, RUNTIME_INDEX),
    publicRuntimeImport: importPath(domainFile, RUNTIME_PUBLIC),
    hostsImport: importPath(domainFile, HOSTS_MODULE),
    versions: versions.map((version) => ({
      property: version.property,
      className: versionNames(className, version.property).className,
      modulePath: importPath(domainFile, `${versionFolder(version)}/index.ts`),
    })),
  };
  const files: PlannedFile[] = [{ path: domainFile, kind: "domain", view: domainView(domain, sdk) }];
  for (const spec of specs) files.push({ path: schemasFile(spec.name), kind: "schemas", view: schemasView(spec) });
  const accounts: AccountRoute[] = [];
  for (const version of versions) {
    const { files: versionFiles, fileOf } = planVersion(version, domain, versionFolder(version), locator);
    files.push(...versionFiles);
    const account = accountResource(version.resources);
    if (account === undefined) continue;
    const view = {
      route: `${property}.${version.property}`,
      modulePath: importPath("index.ts", fileOf(account)).slice(2),
      contextClass: `${account.className}Context`,
    };
    accounts.push({ view, children: account.instanceChildren.map((child) => child.mountName) });
  }
  files.push(doubleDataFile(folder, versions));
  return { domain, files, accounts };
}

/** The SDK as a package: its package.json (one entry per service) and its README. */
function planPackage(
  sdkPackage: SdkPackage,
  domains: DomainPlan[],
  specs: readonly SpecModel[],
  report: SpecReport,
): PlannedFile[] {
  const services: ServicePlan[] = domains.map((domain) => ({ subpath: posix.dirname(domain.modulePath), domain }));
  return [
    { path: "package.json", kind: "package", view: packageView(sdkPackage, services) },
    { path: "README.md", kind: "readme", view: readmeView(sdkPackage, services, specs, report) },
  ];
}

function schemasView(spec: SpecModel) {
  const source = baseName(spec.file);
  const doc = `The component schemas of ${source}, as openapi-typescript renders them.`;
  return { source, doc, components: spec.componentSchemas, recursiveTypes: recursiveTypes(spec.componentSchemas) };
}

function domainView(domain: DomainPlan, sdk: SdkIdentity) {
  const { className, property, host, runtimeImport, publicRuntimeImport, hostsImport, versions } = domain;
  const doc =
    `The ${property} domain, served from https://${host}.twilio.com. On its own, as the package entry of this ` +
    `service, \`new ${className}({ accountSid, authToken })\` takes the root client's options; the root ` +
    `client's \`${property}\` shares its \`ApiClient\`.`;
  return { className, property, host, doc, runtimeImport, publicRuntimeImport, hostsImport, versions, sdk };
}

function clientView(domains: DomainPlan[], defaultAccount: DefaultAccountView | undefined, sdk: SdkIdentity) {
  return {
    domains: domains.map(({ className, property, modulePath }) => ({
      className,
      property,
      modulePath: importPath("index.ts", modulePath),
    })),
    defaultAccount,
    sdk,
  };
}

function planVersion(
  named: NamedVersion,
  domain: DomainPlan,
  folder: string,
  locator: SpecLocator,
): { files: PlannedFile[]; fileOf: (node: NamedResource) => string } {
  const { property: versionProperty, resources: roots, specOf } = named;
  const placed = resourceFiles(roots, folder);
  const fileOf = (node: NamedResource): string => placed.get(node)!;
  const versionFile = `${folder}/index.ts`;
  const imports: ImportPlan[] = [];
  const rootMounts: ChildMount[] = roots.map((root) => {
    imports.push({
      from: importPath(versionFile, fileOf(root)),
      names: childClasses(root).map(valueName),
      typeOnly: false,
    });
    return {
      mountName: root.mountName,
      keyed: root.keyParameter !== undefined,
      integerKey: hasIntegerKey(root),
      listClass: `${root.className}List`,
      contextClass: `${root.className}Context`,
      mapping: [],
    };
  });
  const account = accountResource(roots);
  const runtimeNames = importedNames([
    typeName("ApiClient"),
    ...(rootMounts.some((root) => root.keyed) ? [typeName("MountedList"), valueName("mountList")] : []),
    ...(rootMounts.some((root) => root.integerKey) ? [typeName("IntegerKey")] : []),
    ...(rootMounts.some((root) => !root.keyed) ? [typeName("MountedSingleton"), valueName("mountSingleton")] : []),
    ...(account ? [valueName("ownAccountSid")] : []),
  ]);
  const version: VersionView = {
    className: versionNames(domain.className, versionProperty).className,
    domainClassName: domain.className,
    property: versionProperty,
    imports: [{ from: importPath(versionFile, RUNTIME_INDEX), names: runtimeNames, typeOnly: false }, ...imports],
    roots: rootMounts,
    accountContext: account && `${account.className}Context`,
  };
  const files: PlannedFile[] = [{ path: versionFile, kind: "version", view: version }];
  for (const [node, file] of placed) {
    const plan = planResource(specOf.get(node)!, { node, file }, fileOf, locator);
    files.push({ path: file, kind: "resource", view: resourceView(plan) });
  }
  return { files, fileOf };
}

/**
 * The root resource keyed by an Account SID (api v2010's `/2010-04-01/Accounts/{Sid}`, whose key
 * the spec declares with the pattern `^AC...`): the version gets `account`, the context for the
 * client's own account, unless a root already uses that name.
 */
function accountResource(roots: readonly NamedResource[]): NamedResource | undefined {
  if (roots.some((root) => root.mountName === "account")) return undefined;
  return roots.find((root) => root.keyParameter !== undefined && keyIsAccountSid(root));
}

function keyIsAccountSid(node: NamedResource): boolean {
  return String(node.keySchema?.pattern ?? "").startsWith("^AC");
}
