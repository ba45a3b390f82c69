/** Where in which input file a problem sits; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** JSON-pointer-like path inside the document, e.g. `paths./v1/Tasks.get.operationId`. */
  pointer?: string;
}

/**
 * An input problem the user can fix. Every message names the file, the place and the fix,
 * so the CLI can print it as is and write nothing.
 */
export class GeneratorError extends Error {
  constructor(
    readonly location: SourceLocation,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${formatLocation(location)}: ${problem}\n  fix: ${fix}`);
    this.name = "GeneratorError";
  }
}

export function formatLocation(location: SourceLocation): string {
  const position = location.line ? `:${location.line}:${location.column ?? 1}` : "";
  const pointer = location.pointer ? ` (at ${location.pointer})` : "";
  return `${location.file}${position}${pointer}`;
}
