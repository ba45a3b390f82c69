import { GeneratorError } from "../diagnostics.js";
import { locate, type LoadedSpec } from "../load/loadSpec.js";
import type { Schema } from "./types.js";

export type Pointer = readonly (string | number)[];

/** What model builders need from a loaded spec: `$ref` resolution and errors that point into the file. */
export class SpecContext {
  constructor(readonly spec: LoadedSpec) {}

  /** Follows local `$ref`s until a plain object remains. */
  resolve<T = Schema>(value: unknown, pointer: Pointer): T {
    let current = value;
    const seen = new Set<string>();
    while (isRecord(current) && typeof current.$ref === "string") {
      const ref = current.$ref;
      if (seen.has(ref)) this.fail(pointer, `circular $ref ${ref}`, "break the reference cycle");
      seen.add(ref);
      current = this.lookup(ref, pointer);
    }
    if (!isRecord(current)) this.fail(pointer, "expected an object here", "write a mapping (or a $ref to one)");
    return current as T;
  }

  private lookup(ref: string, pointer: Pointer): unknown {
    if (!ref.startsWith("#/")) {
      this.fail(
        pointer,
        `external $ref ${ref} is not supported`,
        "inline the referenced object or move it under #/components",
      );
    }
    let node: unknown = this.spec.document;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      node = isRecord(node) ? node[key] : undefined;
      if (node === undefined)
        this.fail(pointer, `$ref ${ref} does not resolve`, `add ${ref} to the spec or correct the reference`);
    }
    return node;
  }

  fail(pointer: Pointer, problem: string, fix: string): never {
    throw new GeneratorError(locate(this.spec.file, pointer), problem, fix);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
