import type { Change, ChangeKind } from "./changes.js";

/** One line of Markdown saying what changed about the change's subject (the subject itself excluded). */
export function changeText(change: Change): string {
  const name = `\`${change.name}\``;
  const values = (change.values ?? []).map((value) => `\`${value}\``).join(", ");
  const cause = change.cause ? ` (${change.cause})` : "";
  const operation =
    change.operation && `\`${change.operation.operationId}\` (\`${change.operation.method} ${change.operation.path}\`)`;
  const types = `\`${change.before}\` → \`${change.after}\``;
  const direction = change.kind.endsWith("-removed") ? "removed" : "added";
  const size =
    change.size && `${plural(change.size.resources, "resource")}, ${plural(change.size.operations, "operation")}`;
  switch (change.kind) {
    case "if-match-lost":
      return `\`If-Match\` lost${cause}`;
    case "if-match-gained":
      return `\`If-Match\` gained${cause}`;
    case "etag-lost":
      return `\`ETag\` lost on the ${values} response${cause}`;
    case "etag-gained":
      return `\`ETag\` gained on the ${values} response${cause}`;
    case "service-removed":
    case "service-added":
      return `service ${direction} (${change.spec}): ${values ? `versions ${values}, ` : ""}${size}`;
    case "version-removed":
    case "version-added":
      return `version ${direction} (${change.spec}): ${size}`;
    case "resource-removed":
    case "resource-added":
      return `resource ${direction} with ${values}`;
    case "resource-renamed": {
      const what = (change.values ?? []).join(", ");
      return change.before === change.after
        ? `resource ${what}`
        : `resource renamed from \`${change.before}\`: ${what}`;
    }
    case "operation-removed":
    case "operation-added":
      return `operation ${direction}: ${operation}`;
    case "parameter-removed":
      return `parameter ${name} removed`;
    case "parameter-added-required":
      return `required parameter ${name} added`;
    case "parameter-added":
      return `optional parameter ${name} added`;
    case "parameter-now-required":
      return `parameter ${name} is now required`;
    case "parameter-now-optional":
      return `parameter ${name} is now optional`;
    case "parameter-type-changed":
      return `parameter ${name} type ${types}`;
    case "parameter-type-widened":
      return `parameter ${name} type ${types}: accepts more`;
    case "parameter-format-changed":
      return `parameter ${name} format ${types}: same TypeScript type`;
    case "enum-values-removed":
      return `parameter ${name} no longer accepts ${values}`;
    case "enum-values-added":
      return `parameter ${name} also accepts ${values}`;
    case "field-removed":
      return `response field ${name} removed`;
    case "field-added":
      return `response field ${name} added`;
    case "field-type-changed":
      return `response field ${name} type ${types}`;
    case "field-type-refined":
      return `response field ${name} type ${types}: more precise`;
  }
}

/** Kinds whose changes on one subject read better as one line naming them all. */
const NAMED_TOGETHER: Partial<Record<ChangeKind, (names: string) => string>> = {
  "parameter-removed": (names) => `parameters ${names} removed`,
  "parameter-added-required": (names) => `required parameters ${names} added`,
  "parameter-added": (names) => `optional parameters ${names} added`,
  "field-removed": (names) => `response fields ${names} removed`,
  "field-added": (names) => `response fields ${names} added`,
};

/** Whether several changes of this kind on one subject read better as one line naming them all. */
export function namedTogether(kind: ChangeKind): boolean {
  return kind in NAMED_TOGETHER;
}

/** One line for several changes of such a kind on one subject: `response fields a, b removed`. */
export function namesText(kind: ChangeKind, names: readonly string[]): string {
  return NAMED_TOGETHER[kind]!(names.map((name) => `\`${name}\``).join(", "));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
