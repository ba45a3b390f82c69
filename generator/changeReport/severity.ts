/**
 * What spec-diff and sdk-diff share about a change: how bad it is for the SDK's users, and the one
 * table format in which each of them classifies its kinds of change.
 */
export const SEVERITIES = ["breaking", "additive"] as const;

/** `breaking`: code that compiled and worked may not; `additive`: nothing a user wrote stops working. */
export type Severity = (typeof SEVERITIES)[number];

/** A kind of change's severity and the report section it is listed in. */
export interface Rule<Section extends string> {
  severity: Severity;
  section: Section;
}

/**
 * Every kind of change of one diff, with its rule: the whole classification in one table, checked
 * with `satisfies RuleTable<Section>` so that the table keeps its literal kinds.
 */
export type RuleTable<Section extends string> = Readonly<Record<string, Rule<Section>>>;

export interface SeverityCounts {
  breaking: number;
  additive: number;
}

export function countSeverities(changes: readonly { severity: Severity }[]): SeverityCounts {
  const breaking = changes.filter((change) => change.severity === "breaking").length;
  return { breaking, additive: changes.length - breaking };
}
