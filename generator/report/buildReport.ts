import type { OperationModel, ResourceNode, SpecModel } from "../model/types.js";
import { compareText } from "../ordering.js";

export interface IfMatchOperation {
  spec: string;
  operationId: string;
  method: string;
  path: string;
}

export interface EtagResponse {
  spec: string;
  operationId: string;
  status: number;
  header: string;
}

/** What a run found in the specs: the optimistic-concurrency surface above all. */
export interface SpecReport {
  specs: number;
  resources: number;
  operations: number;
  ifMatchOperations: IfMatchOperation[];
  etagResponses: EtagResponse[];
}

export function buildReport(models: readonly SpecModel[]): SpecReport {
  const report: SpecReport = {
    specs: models.length,
    resources: 0,
    operations: 0,
    ifMatchOperations: [],
    etagResponses: [],
  };
  for (const model of models) {
    for (const version of model.versions) {
      for (const node of allNodes(version.resources)) {
        report.resources++;
        for (const operation of [...node.listOperations, ...node.instanceOperations])
          addOperation(report, model.name, operation);
      }
    }
  }
  report.ifMatchOperations.sort((a, b) => compareText(a.spec + a.operationId, b.spec + b.operationId));
  report.etagResponses.sort((a, b) =>
    compareText(a.spec + a.operationId + a.status, b.spec + b.operationId + b.status),
  );
  return report;
}

function addOperation(report: SpecReport, spec: string, operation: OperationModel): void {
  report.operations++;
  if (operation.ifMatch)
    report.ifMatchOperations.push({
      spec,
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
    });
  for (const response of operation.etagResponses) {
    report.etagResponses.push({
      spec,
      operationId: operation.operationId,
      status: response.status,
      header: response.etagHeader!,
    });
  }
}

export function allNodes(nodes: readonly ResourceNode[]): ResourceNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.listChildren), ...allNodes(node.instanceChildren)]);
}
