import type { SourceLocation } from "../util/diagnostics.js";
import { locateInText } from "../load/locate.js";
import type { OperationModel, SpecModel } from "../model/types.js";
import type { Pointer } from "../util/refs.js";

/** A spec file's path and the text the run read from it, which the merge's errors are placed in. */
export interface SpecSource {
  file: string;
  text: string;
}

/**
 * Places the merge's and the plan's errors in the texts the run already holds: a model comes from the cache as
 * often as not, and the file on disk may have changed since it was read. Positions are parsed
 * only when an error is reported.
 */
export class SpecLocator {
  private readonly texts: ReadonlyMap<string, string>;

  constructor(sources: readonly SpecSource[]) {
    this.texts = new Map(sources.map((source) => [source.file, source.text]));
  }

  /** Where `spec` declares `operation` (`paths./v1/Tasks.get`); the pointer alone for a text the run lacks. */
  operation(spec: SpecModel, operation: OperationModel): SourceLocation {
    return this.at(spec, ["paths", operation.path, operation.method.toLowerCase()]);
  }

  /** Where `pointer` is in `spec`'s text; the pointer alone for a text the run lacks. */
  at(spec: SpecModel, pointer: Pointer): SourceLocation {
    return locateInText(spec.file, this.texts.get(spec.file), [pointer])[0]!;
  }
}
