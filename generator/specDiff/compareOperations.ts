import type { OperationSurface } from "./apiSurface.js";
import { change, type Change, type ChangeKind } from "./changes.js";
import { pairUp } from "./pairUp.js";
import { shapeText, typeRelation, type SchemaShape } from "./schemaShape.js";

/** Where the compared operations live: their service and the spec that defines them. */
export interface Scope {
  service: string;
  spec: string;
}

/** Operations of one resource, matched by how the SDK exposes them (`list:create`, `instance:update`). */
export function compareOperations(
  scope: Scope,
  before: readonly OperationSurface[],
  after: readonly OperationSurface[],
): Change[] {
  return pairUp(before, after, (operation) => operation.key).flatMap(([, old, now]) => {
    if (old && now) return [...compareParameters(scope, old, now), ...compareConcurrency(scope, old, now)];
    if (old)
      return [
        operationChange("operation-removed", scope, old),
        ...concurrencyOf(scope, old, "lost", "operation removed"),
      ];
    return [
      operationChange("operation-added", scope, now!),
      ...concurrencyOf(scope, now!, "gained", "operation added"),
    ];
  });
}

/**
 * The `If-Match` and `ETag` changes that come with an operation appearing or disappearing:
 * an operation that goes away takes its optimistic concurrency with it.
 */
export function concurrencyOf(
  scope: Scope,
  operation: OperationSurface,
  direction: "lost" | "gained",
  cause: string,
): Change[] {
  const changes: Change[] = [];
  if (operation.ifMatch) changes.push(operationChange(`if-match-${direction}`, scope, operation, { cause }));
  if (operation.etagStatuses.length > 0) {
    const values = operation.etagStatuses.map(String);
    changes.push(operationChange(`etag-${direction}`, scope, operation, { values, cause }));
  }
  return changes;
}

function compareConcurrency(scope: Scope, old: OperationSurface, now: OperationSurface): Change[] {
  const changes: Change[] = [];
  if (old.ifMatch !== now.ifMatch)
    changes.push(operationChange(now.ifMatch ? "if-match-gained" : "if-match-lost", scope, now));
  const lost = old.etagStatuses.filter((status) => !now.etagStatuses.includes(status));
  const gained = now.etagStatuses.filter((status) => !old.etagStatuses.includes(status));
  if (lost.length > 0) changes.push(operationChange("etag-lost", scope, now, { values: lost.map(String) }));
  if (gained.length > 0) changes.push(operationChange("etag-gained", scope, now, { values: gained.map(String) }));
  return changes;
}

/** Options by SDK name: gone, new, required or not, and what they accept. */
function compareParameters(scope: Scope, old: OperationSurface, now: OperationSurface): Change[] {
  return pairUp(old.parameters, now.parameters, (parameter) => parameter.name).flatMap(([name, before, after]) => {
    const at = (kind: ChangeKind, fields: Partial<Change> = {}) =>
      operationChange(kind, scope, now, { name, ...fields });
    if (!after) return [at("parameter-removed")];
    if (!before) return [at(after.required ? "parameter-added-required" : "parameter-added")];
    const changes: Change[] = [];
    if (before.required !== after.required)
      changes.push(at(after.required ? "parameter-now-required" : "parameter-now-optional"));
    const kind = acceptedChange(before, after);
    if (kind) changes.push(at(kind, { before: shapeText(before), after: shapeText(after) }));
    if (kind || !before.enum || !after.enum) return changes;
    const removed = before.enum.filter((value) => !after.enum!.includes(value));
    const added = after.enum.filter((value) => !before.enum!.includes(value));
    if (removed.length > 0) changes.push(at("enum-values-removed", { values: removed }));
    if (added.length > 0) changes.push(at("enum-values-added", { values: added }));
    return changes;
  });
}

/** Formats the SDK turns into `Date | string` options. */
const DATE_FORMATS = new Set(["date", "date-time"]);

/**
 * How what an option accepts changed, enum values aside: a caller's argument may stop compiling
 * (a new type, an enum where any string went, a date format gone) or is still accepted.
 */
function acceptedChange(before: SchemaShape, after: SchemaShape): ChangeKind | undefined {
  const relation = typeRelation(before.type, after.type);
  if (relation === "wider") return "parameter-type-widened";
  if (relation !== "same") return "parameter-type-changed";
  if (!before.enum !== !after.enum) return after.enum ? "parameter-type-changed" : "parameter-type-widened";
  if (before.format === after.format) return undefined;
  const [wasDate, isDate] = [before, after].map((shape) => DATE_FORMATS.has(shape.format ?? ""));
  if (wasDate !== isDate) return isDate ? "parameter-type-widened" : "parameter-type-changed";
  return "parameter-format-changed";
}

function operationChange(
  kind: ChangeKind,
  scope: Scope,
  operation: OperationSurface,
  fields: Partial<Change> = {},
): Change {
  const { operationId, method, path } = operation;
  return change({ ...scope, ...fields, kind, subject: operation.call, operation: { operationId, method, path } });
}
