/**
 * Contract tests: every operation of four real Twilio specs (TaskRouter, Sync, Intelligence and
 * Organizations: the ones with If-Match and ETag) called through an SDK generated from them,
 * against Prism (`prism mock --errors`) started per spec on 127.0.0.1. Each request must be
 * accepted (or rejected exactly as test/contract/known-rejections.md explains), and each answer
 * must become the typed instance / page / boolean, carrying the ETag Prism sent where the spec
 * declares one. The whole corpus runs in `npm run test:contract`.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import type { SpecModel } from "../../generator/model/types.js";
import { contractOperations, exerciseOperation, type Outcome } from "./contract.js";
import {
  corpusSpecFiles,
  generateSdk,
  knownRejections,
  pinnedRelease,
  pinnedTag,
  startSpecPrism,
  unexpected,
  type GeneratedCorpus,
  type SpecPrism,
} from "./corpus.js";
import { prismVersion } from "./prism.js";
import { classifyExampleDefects } from "./prismSpec.js";
import { summarize } from "./report.js";

/** Orders outcomes as the spec's operations are walked, whatever order they finished in. */
function byOperationOrder(model: SpecModel): (a: Outcome, b: Outcome) => number {
  const order = new Map(contractOperations(model).map((entry, index) => [entry.operation.operationId, index]));
  return (a, b) => order.get(a.operationId)! - order.get(b.operationId)!;
}

const TARGETS = ["twilio_taskrouter_v1", "twilio_sync_v1", "twilio_intelligence_v2", "twilio_iam_organizations"];

// The pinned release (npm run generate's, fetched by the test set-up); test:contract runs the newest.
const files = corpusSpecFiles(pinnedRelease(), TARGETS);
const missing = TARGETS.filter((name) => !files.some((file) => file.includes(`${name}.`)));
if (missing.length > 0) throw new Error(`contract tests: ${missing.join(", ")} not in the pinned release`);

// The tests are made per operation, so the models are needed while collecting: the SDK is
// generated here, once, into a temporary folder (removed in afterAll).
const generated: GeneratedCorpus = await generateSdk(files);

describe(`contract: the generated SDK against Prism ${prismVersion()}`, () => {
  const models = generated.models;
  const known = knownRejections(undefined, pinnedTag());
  const prisms = new Map<string, SpecPrism>();
  const outcomes = new Map<string, Outcome[]>();

  beforeAll(async () => {
    // All four start together: Prism's start-up (~3 s) is mostly loading its own code.
    const started = await Promise.allSettled(
      models.map(async (model) => prisms.set(model.name, await startSpecPrism(generated, model))),
    );
    const failure = started.find((result) => result.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...prisms.values()].map((running) => running.stop()));
    if (generated === undefined) return;
    for (const model of models)
      classifyExampleDefects(generated.files.get(model.name)!, outcomes.get(model.name) ?? []);
    const runs = models.map((model) => ({
      spec: model.name,
      total: model.operationCount,
      outcomes: outcomes.get(model.name) ?? [],
      explicitEncodings: prisms.get(model.name)?.explicitEncodings ?? [],
    }));
    console.log(summarize(runs, known).lines.join("\n"));
    generated.remove();
  });

  describe.each(models.map((model): [string, SpecModel] => [model.name, model]))("%s", (name, model) => {
    it("covers every operation of the spec", ({ expect }) => {
      expect(contractOperations(model)).toHaveLength(model.operationCount);
    });

    for (const entry of contractOperations(model)) {
      it.concurrent(`${entry.operation.operationId}: ${entry.call}`, async ({ expect }) => {
        const running = prisms.get(name);
        if (running === undefined) throw new Error(`Prism is not running for ${name}`);
        const outcome = await exerciseOperation(entry, running.context);
        outcomes.set(name, [...(outcomes.get(name) ?? []), outcome].sort(byOperationOrder(model)));
        expect(unexpected(outcome, known), `${entry.operation.method} ${entry.operation.path}`).toBeUndefined();
      });
    }
  });
});
