/**
 * Takes the models; gives their concurrency surface (If-Match operations, ETag responses) and
 * counts: the run's summary, and the figures of the SDK's CONCURRENCY.md and README.md views.
 */
import type { Diagnostic } from "../util/diagnostics.js";
import type { OperationModel, SpecModel } from "../model/types.js";
import { compareText } from "../util/ordering.js";
import { domainProperty, namedVersions } from "./resourceNames.js";
import { fillKeys, sdkPaths } from "./sdkPaths.js";

export interface IfMatchOperation {
  spec: string;
  operationId: string;
  method: string;
  path: string;
  /** How the generated SDK calls it: `taskrouter.v1.workspaces(WorkspaceSid).tasks(Sid).update()`. */
  call: string;
}

export interface EtagResponse {
  spec: string;
  operationId: string;
  status: number;
  header: string;
  call: string;
}

/** What a run found in the specs: the optimistic-concurrency surface above all. */
export interface SpecReport {
  specs: number;
  resources: number;
  operations: number;
  ifMatchOperations: IfMatchOperation[];
  etagResponses: EtagResponse[];
  /** Problems in the specs that did not stop the run, spec by spec. */
  warnings: Diagnostic[];
}

export function buildReport(models: readonly SpecModel[]): SpecReport {
  const report: SpecReport = {
    specs: models.length,
    resources: 0,
    operations: 0,
    ifMatchOperations: [],
    etagResponses: [],
    warnings: models.flatMap((model) => model.warnings),
  };
  for (const model of models) {
    for (const version of namedVersions(model)) {
      for (const { node, list, instance } of sdkPaths(
        version.resources,
        `${domainProperty(model.host)}.${version.property}`,
      )) {
        report.resources++;
        for (const operation of node.listOperations) addOperation(report, model.name, operation, list);
        for (const operation of node.instanceOperations) addOperation(report, model.name, operation, instance);
      }
    }
  }
  report.ifMatchOperations.sort((a, b) => compareText(a.spec + a.operationId, b.spec + b.operationId));
  report.etagResponses.sort((a, b) =>
    compareText(a.spec + a.operationId + a.status, b.spec + b.operationId + b.status),
  );
  return report;
}

function addOperation(report: SpecReport, spec: string, operation: OperationModel, owner: string): void {
  report.operations++;
  const placeholders = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const call = `${fillKeys(owner, placeholders)}.${operation.kind}()`;
  const { operationId, method, path } = operation;
  if (operation.ifMatch) report.ifMatchOperations.push({ spec, operationId, method, path, call });
  for (const response of operation.etagResponses) {
    report.etagResponses.push({ spec, operationId, status: response.status, header: response.etagHeader!, call });
  }
}
