/**
 * `npm run test:contract`: every operation of the newest Twilio corpus, called through the
 * generated SDK against Prism (`prism mock --errors`, one per spec). Prints per spec the
 * operations exercised / total, accepted and rejected, every rejection with the request sent,
 * Prism's complaint and its explanation from known-rejections.md, and the totals.
 *
 * Exits 1 when fewer than 95% of the operations are accepted, when a rejection is not explained
 * (or no longer happens) as known-rejections.md says, or when the SDK fails (an exception, or a
 * result that is not the typed instance / page / boolean carrying the ETag Prism sent).
 *
 *   npm run test:contract                       # the whole newest corpus
 *   npm run test:contract -- twilio_sync_v1 ... # only these specs
 *   npm run test:contract -- --json out.json    # also write every outcome as JSON
 *   npm run test:contract -- --as-published     # Prism reads the spec files exactly as published
 *                                               # (see prismSpec.ts: form arrays are then refused)
 *
 * CONTRACT_SPECS sets how many Prism servers run at once (default 2: CI has 2 cores).
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { contractOperations, describeRequest } from "./contract.js";
import {
  corpusSpecFiles,
  generateSdk,
  knownRejections,
  newestRelease,
  pinnedRelease,
  pinnedTag,
  runSpec,
  type SpecRun,
} from "./corpus.js";
import { prismVersion } from "./prism.js";
import { summarize } from "./report.js";

const REQUIRED_ACCEPTED = 0.95;
/** Prism servers at once: start-up is CPU-bound (~3 s even for a one-operation spec). */
const SPEC_CONCURRENCY = Math.max(1, Number(process.env.CONTRACT_SPECS ?? 2));
/** Requests in flight per Prism. */
const OPERATION_CONCURRENCY = 8;

async function main(): Promise<number> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf("--json");
  const jsonFile = jsonIndex === -1 ? undefined : args[jsonIndex + 1];
  if (jsonIndex !== -1) args.splice(jsonIndex, 2);
  const asPublished = args.includes("--as-published");
  const names = args.filter((arg) => !arg.startsWith("-"));
  // The newest release beside the checkout (as CI has it), else the pinned one: never skipped.
  const corpus = newestRelease();
  const files = corpusSpecFiles(corpus, names.length > 0 ? names : undefined);
  if (files.length === 0) {
    console.error(`contract: no spec named ${names.join(", ")} in ${corpus}`);
    return 1;
  }
  console.log(`contract: ${files.length} specs of ${relative(process.cwd(), corpus)}, Prism ${prismVersion()}`);
  const generated = await generateSdk(files);
  const generatedSeconds = (Date.now() - started) / 1000;
  console.log(`generated the SDK in ${generatedSeconds.toFixed(1)} s; calling every operation:`);
  const runs: SpecRun[] = [];
  try {
    // Largest specs first, so that the slowest one does not start last.
    const models = [...generated.models].sort((a, b) => b.operationCount - a.operationCount);
    let next = 0;
    const worker = async () => {
      while (next < models.length) {
        const model = models[next++]!;
        const run = await runSpec(generated, model, OPERATION_CONCURRENCY, { timeoutMs: 180_000, asPublished });
        runs.push(run);
        if (run.outcomes.length === 0) continue;
        const accepted = run.outcomes.filter((outcome) => outcome.verdict === "accepted").length;
        console.log(`  ${run.spec}: ${accepted}/${run.outcomes.length} accepted (${run.seconds.toFixed(1)} s)`);
      }
    };
    await Promise.all(Array.from({ length: SPEC_CONCURRENCY }, worker));
  } finally {
    generated.remove();
  }

  const known = knownRejections(undefined, corpus === pinnedRelease() ? pinnedTag() : undefined);
  const summary = summarize(
    runs.map((run) => ({
      ...run,
      total: generated.models.find((model) => model.name === run.spec)!.operationCount,
    })),
    known,
  );
  console.log("");
  for (const line of summary.lines) console.log(line);

  // Entries for specs that ran must still happen: a stale explanation hides nothing, but misleads.
  const ran = new Set(runs.map((run) => run.spec));
  const seen = new Set(runs.flatMap((run) => run.outcomes.map((outcome) => `${outcome.spec} ${outcome.operationId}`)));
  const missing = [...known.values()].filter(
    (entry) => ran.has(entry.spec) && !seen.has(`${entry.spec} ${entry.operationId}`),
  );
  if (jsonFile !== undefined) {
    const plain = runs
      .flatMap((run) => run.outcomes)
      .map(({ request, ...rest }) => ({ ...rest, request: describeRequest(request, 100_000) }));
    writeFileSync(jsonFile, `${JSON.stringify(plain, null, 2)}\n`);
  }
  const operations = generated.models.reduce((sum, model) => sum + contractOperations(model).length, 0);
  const errors: string[] = [];
  if (summary.exercised !== summary.total || operations !== summary.total) {
    errors.push(`${summary.exercised} of ${summary.total} operations were exercised`);
  }
  if (summary.accepted < REQUIRED_ACCEPTED * summary.exercised)
    errors.push(`fewer than ${REQUIRED_ACCEPTED * 100}% accepted`);
  if (summary.problems.length > 0) errors.push(`${summary.problems.length} unexpected outcomes (listed above)`);
  for (const entry of missing)
    errors.push(`known-rejections.md lists ${entry.spec} ${entry.operationId}, no such operation`);
  console.log(`contract: ${((Date.now() - started) / 1000).toFixed(1)} s in all, Prism ${prismVersion()}`);
  for (const error of errors) console.log(`contract: FAILED: ${error}`);
  return errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
