import type { SeverityCounts } from "./severity.js";

/**
 * A change report as the one Markdown renderer takes it, whichever diff made it: Markdown blocks and
 * list lines, already worded. Each diff turns its own report data into this.
 */
export interface ChangeReport extends SeverityCounts {
  /** The `#` heading. */
  title: string;
  /** Blocks between the title and the totals: what was compared, a before/after table. */
  lead: string[];
  /** Blocks right under the totals, for what must not be missed (`If-Match` lost). */
  warnings: string[];
  /** Counts per section, in report order: the table under the totals. */
  sections: ({ title: string } & SeverityCounts)[];
  /** Blocks after the counts table (spec files added and removed). */
  notes: string[];
  groups: ChangeGroup[];
}

/** A `##` part of the report: its breaking changes listed, its additive ones folded. */
export interface ChangeGroup {
  heading: string;
  /** How many changes the group has (a line may name several). */
  counts: SeverityCounts;
  /** Blocks before the lists (a table, a paragraph). */
  intro: string[];
  /** One line per change or set of like changes (Markdown, without the list marker). */
  breaking: string[];
  additive: string[];
  /** Changes counted here but listed in another group: `5 \`If-Match\` / \`ETag\` changes above`. */
  elsewhere?: string;
}
