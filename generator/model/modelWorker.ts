/**
 * A parser thread that also checks and models its specs (modelThreads.ts): given a batch, answers
 * for each spec, in order, with its model as JSON, or with the error of the first of its steps that
 * failed: parse, check, use, the steps whose errors load/loadSpec.ts `loadEach` orders.
 */
import { parentPort } from "node:worker_threads";
import { checkedSpec, type LoadedSpec } from "../load/loadSpec.js";
import type { ParseAnswer, PlacedSpec } from "../load/parseSpecs.js";
import { readYaml } from "../load/parseYaml.mjs";
import { postedError } from "../util/diagnostics.js";
import { buildSpecModel } from "./buildModel.js";

if (!parentPort) throw new Error("modelWorker runs only as a worker thread");
const port = parentPort;

port.once("message", (specs: PlacedSpec[]) => {
  for (const spec of specs) port.postMessage(modelled(spec));
});

function modelled(spec: PlacedSpec): ParseAnswer {
  const { file, index } = spec;
  const parsed = readYaml(spec.text);
  if ("error" in parsed) return { file, index, error: parsed.error };
  let loaded: LoadedSpec;
  try {
    loaded = checkedSpec(spec, parsed.data);
  } catch (error) {
    return { file, index, failed: { step: "check", error: postedError(error) } };
  }
  try {
    return { file, index, json: JSON.stringify(buildSpecModel(loaded)), used: true };
  } catch (error) {
    return { file, index, failed: { step: "use", error: postedError(error) } };
  }
}
