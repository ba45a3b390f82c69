/**
 * The model stage. Takes one loaded spec; gives its resource model (`SpecModel`, types.ts): host,
 * versions, the resource tree with operations, parameters, pagination and typed schemas, plus the
 * warnings that change what is generated. Plain data, the spec's facts only: it makes no name (the
 * plan does), and is independent of templates and output.
 */
import type { LoadedSpec } from "../load/loadSpec.js";
import { snakeCase } from "../util/caseNames.js";
import { buildOperation, checkMethodNames, HTTP_METHODS } from "./operations.js";
import { pathShape, resourceHints } from "./resourcePaths.js";
import { buildResourceTree, type PlacedOperation } from "./resourceTree.js";
import { isRecord, SpecContext } from "./specContext.js";
import type { Schema, SpecModel, VersionModel } from "./types.js";
import { compareText } from "../util/ordering.js";

const TWILIO_HOST = /^https?:\/\/([a-z0-9-]+)\.twilio\.com/;
const VERSION_SEGMENT = /^(v\d+[a-z0-9]*|\d{4}-\d{2}-\d{2})$/i;

/** Builds the resource model of one spec: every operation lands in exactly one resource. */
export function buildSpecModel(spec: LoadedSpec): SpecModel {
  const context = new SpecContext(spec);
  const { document } = spec;
  const fileName = fileNameParts(spec.name);
  const apiStandards = document.info?.["x-twilio"]?.apiStandards;
  const byVersion = new Map<string, { name: string; placed: PlacedOperation[] }>();
  const hosts: string[] = [];
  let operationCount = 0;
  if (Object.keys(document.paths).length === 0)
    context.warn(
      ["paths"],
      "the spec has no paths: its domain gets no client",
      "add the API's paths, or leave the file out",
    );
  for (const path of Object.keys(document.paths).sort()) {
    const { version, placed } = placePath(context, path, fileName, apiStandards);
    // Spellings of one version meet: `/healthcheck` in `twilio_api_v2010` joins `/2010-04-01/...`,
    // whose name the version takes.
    const key = versionKey(version);
    const entry = byVersion.get(key) ?? { name: version, placed: [] };
    if (version !== fileName.version) entry.name = version;
    if (placed.length > 0) byVersion.set(key, entry);
    entry.placed.push(...placed);
    hosts.push(...placed.map((each) => each.operation.host));
    operationCount += placed.length;
  }
  const versions: VersionModel[] = [...byVersion.values()]
    .map(({ name, placed }) => ({ name, resources: buildResourceTree(context, placed) }))
    .sort((a, b) => compareText(a.name, b.name));
  for (const version of versions) checkMethodNames(context, version.resources);
  const host = hosts[0] ?? hostOf(document.servers) ?? fileHost(context, fileName.domain);
  return {
    file: spec.file,
    name: spec.name,
    host,
    apiStandards,
    versions,
    operationCount,
    componentSchemas: isRecord(document.components?.schemas)
      ? (document.components.schemas as Record<string, Schema>)
      : {},
    warnings: [...spec.warnings, ...context.warnings()],
  };
}

/** One path's operations, each with its resource's shape and hints, and the version the path belongs to. */
function placePath(
  context: SpecContext,
  path: string,
  fileName: { domain: string; version?: string },
  apiStandards: string | undefined,
): { version: string; placed: PlacedOperation[] } {
  const { document } = context.spec;
  const pathItem = document.paths[path];
  if (!isRecord(pathItem))
    context.fail(["paths", path], "a path item must be a mapping", "write the path's operations as a mapping");
  const extension = isRecord(pathItem["x-twilio"]) ? pathItem["x-twilio"] : {};
  const host = hostOf(pathItem.servers) ?? hostOf(document.servers) ?? fileHost(context, fileName.domain);
  const { version, segments } = splitVersion(path, fileName.version);
  const shape = pathShape(segments, extension.pathType);
  const operations = HTTP_METHODS.filter((method) => pathItem[method] !== undefined).map((method) =>
    buildOperation(context, path, method, apiStandards, host),
  );
  const pathNames = { className: extension.className, mountName: extension.mountName };
  const pathOperationIds = operations.map((operation) => operation.operationId);
  const placed = operations.map((operation): PlacedOperation => {
    const operationExtension = pathItem[operation.method.toLowerCase()] as Record<string, unknown>;
    const hints = resourceHints(shape.kind === "keyed" ? segments.slice(0, -1) : segments, {
      ...pathNames,
      operationMount: isRecord(operationExtension["x-twilio"]) ? operationExtension["x-twilio"].mountName : undefined,
      operationId: operation.operationId,
      pathOperationIds,
    });
    return { operation, shape, hints };
  });
  return { version, placed };
}

/**
 * Which spellings name one version, the key its paths meet under, in one file and across files:
 * a date and its file name's year (`2010-04-01`, `v2010`), and spellings apart from case and
 * separators (`HostedNumbers`, `hosted_numbers`). Empty for a version without a letter or digit.
 */
export function versionKey(version: string): string {
  const date = /^(\d{4})-\d{2}-\d{2}$/.exec(version);
  return date ? `v${date[1]}` : snakeCase(version);
}

/** `twilio_flex_v1` → domain `flex`, version `v1`; `twilio_preview` → no version. */
export function fileNameParts(name: string): { domain: string; version?: string } {
  const stem = name.replace(/^twilio_/, "");
  const split = stem.lastIndexOf("_");
  return split < 0 ? { domain: stem } : { domain: stem.slice(0, split), version: stem.slice(split + 1) };
}

/**
 * The host label a spec without a twilio.com server takes from its file name (`twilio_flex_api_v1` →
 * `flex-api`): it becomes `https://<label>.twilio.com`, so it must be a DNS label and nothing more.
 */
function fileHost(context: SpecContext, domain: string): string {
  const host = domain.replace(/_/g, "-");
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/i.test(host)) return host;
  return context.fail(
    ["servers"],
    `the spec declares no https://<domain>.twilio.com server and its file name gives the host ${JSON.stringify(host)}, which is not a DNS label`,
    "declare `servers: [{ url: https://<domain>.twilio.com }]`, or name the file twilio_<domain>_<version> with letters, digits and _ only",
  );
}

function hostOf(servers: unknown): string | undefined {
  if (!Array.isArray(servers)) return undefined;
  const url = servers.map((server) => (isRecord(server) ? server.url : undefined)).find((u) => typeof u === "string");
  return typeof url === "string" ? TWILIO_HOST.exec(url)?.[1] : undefined;
}

/**
 * The version is the path's first segment when it looks like one (`v1`, `2010-04-01`); otherwise the
 * file name's version (`twilio_iam_organizations`, `/healthcheck` in `twilio_api_v2010`), otherwise the
 * first segment (`twilio_preview`'s `/HostedNumbers/...`). Segments are returned below the version,
 * with a `.json` suffix dropped.
 */
export function splitVersion(path: string, fileVersion: string | undefined): { version: string; segments: string[] } {
  const segments = path
    .replace(/\.json$/, "")
    .split("/")
    .filter((segment) => segment !== "");
  const first = segments[0] ?? "";
  if (VERSION_SEGMENT.test(first) || !fileVersion) return { version: first, segments: segments.slice(1) };
  return { version: fileVersion, segments };
}
