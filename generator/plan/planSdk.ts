import { readdirSync } from "node:fs";
import { posix } from "node:path";
import { pascalCase, snakeCase } from "../model/naming.js";
import { mergeDomainVersions, type MergedVersion } from "../model/mergeVersions.js";
import type { ResourceNode, SpecModel } from "../model/types.js";
import { importPath, RUNTIME_INDEX, RUNTIME_PUBLIC, schemasFile } from "./modulePaths.js";
import { planResource, type PlacedResource } from "./planResource.js";
import type { SdkPackage } from "./sdkPackage.js";
import type {
  ChildMount,
  DefaultAccountPlan,
  DomainPlan,
  ImportPlan,
  PlannedFile,
  SdkPlan,
  ServicePlan,
  VersionPlan,
} from "./types.js";
import { compareText } from "../ordering.js";

/** Files the SDK folder needs to type-check, bundle and build (`npm run build`: dist/) on its own. */
const STATIC_FILES = [".prettierrc.json", "tsconfig.build.json", "tsconfig.json"];

/**
 * Decides every output file: where each domain, version and resource module goes, what it is
 * called and what it imports. Specs that share a domain (chat v1, v2, v3) share its module, and
 * specs that share a domain and version share the version's module (model/mergeVersions.ts).
 */
export function planSdk(
  specs: readonly SpecModel[],
  runtimeFolder: string,
  staticFolder: string,
  sdkPackage: SdkPackage,
): SdkPlan {
  const runtimeFiles = readdirSync(runtimeFolder)
    .filter((name) => name.endsWith(".ts"))
    .sort(compareText);
  const files: PlannedFile[] = runtimeFiles.map((name) => ({
    path: `runtime/${name}`,
    kind: "copy",
    source: posix.join(runtimeFolder, name),
  }));
  for (const name of STATIC_FILES) files.push({ path: name, kind: "copy", source: posix.join(staticFolder, name) });
  const domains = new Map<string, SpecModel[]>();
  for (const spec of specs) {
    if (spec.versions.length === 0) continue;
    files.push({ path: schemasFile(spec.name), kind: "schemas", spec });
    domains.set(spec.domain, [...(domains.get(spec.domain) ?? []), spec]);
  }
  const sdk = { name: sdkPackage.name, version: sdkPackage.version };
  const domainPlans: DomainPlan[] = [];
  const accounts: Omit<DefaultAccountPlan, "shortcuts">[] = [];
  const accountChildren: string[][] = [];
  for (const [property, domainSpecs] of [...domains].sort(([a], [b]) => compareText(a, b))) {
    const folder = snakeCase(property);
    const domainFile = `${folder}/index.ts`;
    const versions = mergeDomainVersions(domainSpecs);
    const domain: DomainPlan = {
      className: pascalCase(property),
      property,
      host: domainSpecs[0]!.host,
      modulePath: domainFile,
      runtimeImport: importPath(domainFile, RUNTIME_INDEX),
      publicRuntimeImport: importPath(domainFile, RUNTIME_PUBLIC),
      versions: versions.map((version) => ({
        property: version.property,
        className: `${pascalCase(property)}${pascalCase(version.property)}`,
        modulePath: importPath(domainFile, `${folder}/${snakeCase(version.property)}/index.ts`),
      })),
    };
    domainPlans.push(domain);
    files.push({ path: domainFile, kind: "domain", domain, sdk });
    for (const version of versions) {
      const versionFiles = planVersion(version, domain, `${folder}/${snakeCase(version.property)}`);
      files.push(...versionFiles);
      const account = accountResource(version.resources);
      const accountFile = versionFiles.find((file) => file.kind === "resource" && file.resource.node === account);
      if (account && accountFile) {
        accounts.push({
          route: `${property}.${version.property}`,
          modulePath: importPath("index.ts", accountFile.path).slice(2),
          contextClass: `${account.className}Context`,
        });
        accountChildren.push(account.instanceChildren.map((child) => child.mountName));
      }
    }
  }
  // Root shortcuts only when one version has an account: with two, `twilio.calls` would be ambiguous.
  const taken = new Set([...domainPlans.map((domain) => domain.property), "client"]);
  const defaultAccount =
    accounts.length === 1
      ? { ...accounts[0]!, shortcuts: accountChildren[0]!.filter((name) => !taken.has(name)) }
      : undefined;
  files.push({ path: "index.ts", kind: "client", domains: domainPlans, defaultAccount, sdk });
  files.push({ path: "CONCURRENCY.md", kind: "concurrency", specs: [...specs] });
  files.push(...planPackage(sdkPackage, domainPlans, specs));
  return { files: files.sort((a, b) => compareText(a.path, b.path)) };
}

/** The SDK as a package: its package.json (one entry per service) and its README. */
function planPackage(sdkPackage: SdkPackage, domains: DomainPlan[], specs: readonly SpecModel[]): PlannedFile[] {
  const services: ServicePlan[] = domains.map((domain) => ({ subpath: posix.dirname(domain.modulePath), domain }));
  return [
    { path: "package.json", kind: "package", sdkPackage, services },
    { path: "README.md", kind: "readme", sdkPackage, services, specs: [...specs] },
  ];
}

function planVersion(merged: MergedVersion, domain: DomainPlan, folder: string): PlannedFile[] {
  const { property: versionProperty, resources: roots, specOf } = merged;
  const placed = placeResources(roots, folder);
  const fileOf = (node: ResourceNode): string => placed.get(node)!.file;
  const versionFile = `${folder}/index.ts`;
  const imports: ImportPlan[] = [];
  const rootMounts: ChildMount[] = roots.map((root) => {
    const names = root.keyParameter ? [`${root.className}List`, `${root.className}Context`] : [`${root.className}List`];
    imports.push({ from: importPath(versionFile, fileOf(root)), names });
    return {
      mountName: root.mountName,
      keyed: root.keyParameter !== undefined,
      listClass: `${root.className}List`,
      contextClass: `${root.className}Context`,
      mapping: [],
    };
  });
  const account = accountResource(roots);
  const version: VersionPlan = {
    className: `${domain.className}${pascalCase(versionProperty)}`,
    domainClassName: domain.className,
    property: versionProperty,
    runtimeImport: importPath(versionFile, RUNTIME_INDEX),
    imports,
    roots: rootMounts,
    accountContext: account && `${account.className}Context`,
  };
  const files: PlannedFile[] = [{ path: versionFile, kind: "version", version }];
  for (const entry of placed.values())
    files.push({ path: entry.file, kind: "resource", resource: planResource(specOf.get(entry.node)!, entry, fileOf) });
  return files;
}

/**
 * The root resource keyed by an Account SID (api v2010's `/2010-04-01/Accounts/{Sid}`, whose key
 * the spec declares with the pattern `^AC...`): the version gets `account`, the context for the
 * client's own account, unless a root already uses that name.
 */
function accountResource(roots: readonly ResourceNode[]): ResourceNode | undefined {
  if (roots.some((root) => root.mountName === "account")) return undefined;
  return roots.find((root) => root.keyParameter !== undefined && keyIsAccountSid(root, root.keyParameter));
}

function keyIsAccountSid(node: ResourceNode, key: string): boolean {
  const declared = node.instanceOperations
    .flatMap((operation) => operation.pathParameters)
    .find((parameter) => parameter.wireName === key);
  if (declared) return String(declared.schema.pattern ?? "").startsWith("^AC");
  // A namespace (no operations of its own): its children's paths declare the key.
  return node.instanceChildren.some((child) => keyIsAccountSid(child, key));
}

/** Each resource's module sits in its parent's folder: `v1/workspace/task.ts`; clashes get the mount name. */
function placeResources(roots: ResourceNode[], folder: string): Map<ResourceNode, PlacedResource> {
  const placed = new Map<ResourceNode, PlacedResource>();
  const used = new Set<string>([`${folder}/index`]);
  const visit = (nodes: ResourceNode[], directory: string): void => {
    for (const node of nodes) {
      const base = snakeCase(node.className);
      let name = used.has(`${directory}/${base}`) ? `${base}_${snakeCase(node.mountName)}` : base;
      for (let index = 2; used.has(`${directory}/${name}`); index++) name = `${base}_${index}`;
      used.add(`${directory}/${name}`);
      placed.set(node, { node, file: `${directory}/${name}.ts` });
      visit([...node.listChildren, ...node.instanceChildren], `${directory}/${name}`);
    }
  };
  visit(roots, folder);
  return placed;
}
