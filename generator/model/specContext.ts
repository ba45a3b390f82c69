import { GeneratorError, type Diagnostic } from "../util/diagnostics.js";
import { isRecord } from "../load/documentShape.js";
import type { LoadedSpec } from "../load/loadSpec.js";
import { locate, locateAll, type Pointer } from "../load/locate.js";
import { componentTarget } from "../load/documentTree.js";
import { followRefs } from "../util/refs.js";

export type { Pointer };
export { isRecord };

interface PendingWarning {
  pointer: Pointer;
  problem: string;
  fix: string;
}

/**
 * What model builders need from a loaded spec: `$ref` resolution, errors that point into the file,
 * and warnings: problems that do not stop the run but change what is generated.
 */
export class SpecContext {
  private readonly pending: PendingWarning[] = [];

  constructor(readonly spec: LoadedSpec) {}

  /** Follows local `$ref`s until a plain object remains. */
  resolve<T = Record<string, unknown>>(value: unknown, pointer: Pointer): T {
    const { value: resolved, cycle } = followRefs(value, (ref) => this.lookup(ref, pointer));
    if (cycle !== undefined) this.fail(pointer, `circular $ref ${cycle}`, "break the reference cycle");
    if (!isRecord(resolved)) this.fail(pointer, "expected an object here", "write a mapping (or a $ref to one)");
    return resolved as T;
  }

  private lookup(ref: string, pointer: Pointer): unknown {
    const resolved = componentTarget(this.spec.document, ref);
    return "problem" in resolved ? this.fail(pointer, resolved.problem, resolved.fix) : resolved.target;
  }

  fail(pointer: Pointer, problem: string, fix: string): never {
    throw new GeneratorError(locate(this.spec.file, pointer), problem, fix);
  }

  warn(pointer: Pointer, problem: string, fix: string): void {
    this.pending.push({ pointer, problem, fix });
  }

  /** The warnings so far, located (the file is parsed for positions once, and only when there are any). */
  warnings(): Diagnostic[] {
    if (this.pending.length === 0) return [];
    const locations = locateAll(
      this.spec.file,
      this.pending.map((warning) => warning.pointer),
    );
    return this.pending.map(({ problem, fix }, index) => ({ location: locations[index]!, problem, fix }));
  }
}
