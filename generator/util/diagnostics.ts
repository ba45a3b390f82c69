/** Where in which input file a problem sits; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /**
   * Path of the node inside the document: dotted for YAML (`paths./v1/Tasks.get.operationId`), a
   * JSON pointer for JSON input (`/paths/~1v1~1Tasks/get/operationId`).
   */
  pointer?: string;
}

/** A problem in the input, with its place and its fix: an error stops the run, a warning is only reported. */
export interface Diagnostic {
  location: SourceLocation;
  problem: string;
  fix: string;
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
    super(formatDiagnostic({ location, problem, fix }));
    this.name = "GeneratorError";
  }
}

/** `file:line:column (at pointer): problem`, then the fix on its own line. */
export function formatDiagnostic({ location, problem, fix }: Diagnostic): string {
  return `${formatLocation(location)}: ${problem}\n  fix: ${fix}`;
}

/** Pointers longer than this are shortened in messages (a too-deep document has one of 64 keys). */
const POINTER_SHOWN = 160;

export function formatLocation(location: SourceLocation): string {
  const position = location.line ? `:${location.line}:${location.column ?? 1}` : "";
  const pointer = location.pointer ? ` (at ${shorten(location.pointer)})` : "";
  return `${location.file}${position}${pointer}`;
}

function shorten(pointer: string): string {
  return pointer.length <= POINTER_SHOWN ? pointer : `${pointer.slice(0, 100)}…${pointer.slice(-50)}`;
}

/** A command called with flags it cannot use: its message is printed with the command's usage. */
export class UsageError extends Error {}

/** The first `max` of `items`, then how many more: a listing never floods a terminal or a CI log. */
export function firstOf(items: readonly string[], max: number): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `… and ${items.length - max} more`];
}

/** A value quoted for a message, shortened when long: input can be any size. */
export function quoted(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
