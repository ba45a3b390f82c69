/**
 * The printed figure of a contract run, shared by the test and the script: per spec the
 * operations exercised / total, accepted and rejected; every rejection with the request sent,
 * Prism's complaint and its explanation; the spec examples Prism refused to send; the totals.
 */
import { describeRequest, type Outcome } from "./contract.js";
import { unexpected, type KnownRejection } from "./corpus.js";

export interface RunFigures {
  spec: string;
  /** Operations of the spec, as the model counts them. */
  total: number;
  outcomes: Outcome[];
  explicitEncodings: string[];
}

export interface ContractSummary {
  lines: string[];
  exercised: number;
  total: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Outcomes that are not as expected (see `unexpected`), as messages. */
  problems: string[];
}

export function summarize(runs: readonly RunFigures[], known: Map<string, KnownRejection>): ContractSummary {
  const sorted = [...runs].sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0));
  const outcomes = sorted.flatMap((run) => run.outcomes);
  const count = (list: readonly Outcome[], verdict: Outcome["verdict"]) =>
    list.filter((outcome) => outcome.verdict === verdict).length;
  const lines: string[] = [];
  const width = Math.max(...sorted.map((run) => run.spec.length));
  lines.push("per spec: operations exercised / total, accepted, rejected");
  for (const run of sorted) {
    const defects = run.outcomes.filter((outcome) => outcome.exampleDefect !== undefined).length;
    const failed = count(run.outcomes, "failed");
    lines.push(
      `  ${run.spec.padEnd(width)}  ${String(run.outcomes.length).padStart(3)}/${String(run.total).padEnd(3)}` +
        `  accepted ${String(count(run.outcomes, "accepted")).padStart(3)}  rejected ${count(run.outcomes, "rejected")}` +
        (failed ? `  FAILED ${failed}` : "") +
        (defects ? `  (${defects} static responses invalid)` : ""),
    );
  }
  const rejected = outcomes.filter((outcome) => outcome.verdict === "rejected");
  if (rejected.length > 0) {
    lines.push("", "rejections (explained in test/contract/known-rejections.md):");
    for (const outcome of rejected) {
      const entry = known.get(`${outcome.spec} ${outcome.operationId}`);
      lines.push(
        `- ${outcome.spec} ${outcome.operationId}: ${outcome.call}`,
        `    sent:   ${describeRequest(outcome.request, 300)}`,
        `    answer: ${outcome.complaint}`,
        `    why:    ${entry ? `${entry.cause}: ${entry.explanation}` : "NOT EXPLAINED"}`,
      );
    }
  }
  const defects = outcomes.filter((outcome) => outcome.exampleDefect !== undefined);
  const sections = [
    {
      origin: "spec",
      title:
        "spec examples that violate their own schema (spec defects: Prism accepted the request but refused to send " +
        "the example):",
    },
    {
      origin: "prism",
      title:
        "responses without an example whose static sample Prism refused to send (Prism limitation: its sampler " +
        "ignores `pattern`):",
    },
    { origin: undefined, title: "responses Prism refused to send (origin not classified):" },
  ] as const;
  for (const { origin, title } of sections) {
    const list = defects.filter((outcome) => outcome.exampleOrigin === origin);
    if (list.length === 0) continue;
    lines.push("", title);
    for (const outcome of list)
      lines.push(`- ${outcome.spec} ${outcome.operationId}: ${abridge(outcome.exampleDefect!)}`);
  }
  if (defects.length > 0) {
    lines.push(
      "  (for each of these the SDK's typed result was checked on a response Prism generated from the schema instead)",
    );
  }
  const encodings = sorted.reduce((sum, run) => sum + run.explicitEncodings.length, 0);
  if (encodings > 0) {
    lines.push(
      "",
      `form array fields given their default encoding explicitly for Prism (see prismSpec.ts): ${encodings} in ` +
        `${sorted.filter((run) => run.explicitEncodings.length > 0).length} specs`,
    );
  }
  const problems = outcomes.flatMap((outcome) => {
    const problem = unexpected(outcome, known);
    return problem === undefined ? [] : [`${outcome.spec} ${outcome.operationId} (${outcome.call}): ${problem}`];
  });
  if (problems.length > 0) lines.push("", "unexpected:", ...problems.map((problem) => `- ${problem}`));
  const total = sorted.reduce((sum, run) => sum + run.total, 0);
  const accepted = count(outcomes, "accepted");
  const share = outcomes.length === 0 ? 0 : (100 * accepted) / outcomes.length;
  lines.push(
    "",
    `contract: ${outcomes.length}/${total} operations exercised in ${sorted.length} specs, ` +
      `${accepted} accepted (${share.toFixed(1)}%), ${rejected.length} rejected, ${count(outcomes, "failed")} failed`,
  );
  return {
    lines,
    exercised: outcomes.length,
    total,
    accepted,
    rejected: rejected.length,
    failed: count(outcomes, "failed"),
    problems,
  };
}

function abridge(text: string, limit = 240): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
