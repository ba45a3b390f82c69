import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GeneratorError } from "../../generator/util/diagnostics.js";
import { generate } from "../../generator/generate.js";
import { typeCheck } from "../generator/typeCheck.js";
import { mutatedSpec, type FuzzCase, type SpecSeed } from "./specMutations.js";

/** How one case ended: the generator refused it (located, nothing written) or made a sound SDK. */
export interface CaseOutcome {
  verdict: "refused" | "generated";
  /** Whether a refusal named a line and column or a pointer, not just the file. */
  positioned?: boolean;
  /**
   * The CPU time the generator took (this process's, user and system): unlike the time on the clock,
   * it does not grow when other processes load the machine, and an exhaustion bug burns it.
   */
  cpuMilliseconds: number;
}

/**
 * The fuzz property: a mutated spec gives exit 2 with a located error and nothing written, or an
 * SDK that type-checks strictly and imports without side effects. Anything else throws, naming
 * what went wrong; the generator's CPU time is measured so that the caller can bound it.
 */
export async function checkCase(seeds: readonly SpecSeed[], fuzz: FuzzCase, work: string): Promise<CaseOutcome> {
  const folder = mkdtempSync(join(work, "case-"));
  try {
    const spec = mutatedSpec(seeds, fuzz);
    const specs = join(folder, "specs");
    const out = join(folder, "out");
    mkdirSync(specs);
    writeFileSync(join(specs, spec.name), spec.text);
    if (spec.sameName) writeFileSync(join(specs, spec.sameName.name), spec.sameName.text);
    const started = process.cpuUsage();
    try {
      await generate({ specs: [specs], out, check: false });
    } catch (error) {
      const cpuMilliseconds = cpuSince(started);
      if (!(error instanceof GeneratorError))
        throw new Error(`not a located error: ${String((error as Error)?.stack ?? error)}`);
      if (!error.location.file.includes(specs) && !error.message.includes(spec.name))
        throw new Error(`the error does not name the spec file: ${error.message}`);
      if (existsSync(out)) throw new Error(`refused, but wrote ${out}: ${error.message}`);
      const positioned = error.location.line !== undefined || error.location.pointer !== undefined;
      return { verdict: "refused", positioned, cpuMilliseconds };
    }
    const cpuMilliseconds = cpuSince(started);
    const diagnostics = typeCheck(join(out, "index.ts"));
    if (diagnostics.length > 0)
      throw new Error(`exit 0, but the SDK does not type-check:\n${diagnostics.slice(0, 5).join("\n")}`);
    await importWithoutSideEffects(join(out, "index.ts"));
    return { verdict: "generated", cpuMilliseconds };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function cpuSince(started: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** Imports the SDK's root module: nothing may run but declarations (no globals set or changed). */
async function importWithoutSideEffects(entry: string): Promise<void> {
  const before = Object.getOwnPropertyNames(globalThis).join("\n");
  await import(pathToFileURL(entry).href);
  const pwned = (globalThis as { FUZZ_PWNED?: unknown }).FUZZ_PWNED;
  if (pwned !== undefined || Object.getOwnPropertyNames(globalThis).join("\n") !== before)
    throw new Error("importing the SDK changed globalThis: generated code ran a spec's text");
}
