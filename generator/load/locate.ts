import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SourceLocation } from "../util/diagnostics.js";
import { jsonPointer, type Pointer } from "../util/refs.js";

export type { Pointer };

/**
 * Finds the line and column of a node by path, or of its nearest ancestor the file has. Parsing
 * positions is costly, so it is done again only when a problem is reported, never on the happy path.
 * JSON input is named by a JSON pointer (RFC 6901), YAML input by a dotted path.
 */
export function locate(file: string, pointer: Pointer): SourceLocation {
  return locateAll(file, [pointer])[0]!;
}

/** `locate` for several places of one file, which is parsed once. */
export function locateAll(file: string, pointers: readonly Pointer[]): SourceLocation[] {
  let find: (pointer: Pointer) => { line: number; column: number } | undefined = () => undefined;
  try {
    find = positions(readFileSync(file, "utf8"));
  } catch {
    // The pointer alone still names the place.
  }
  return pointers.map((pointer) => ({ file, ...find(pointer), pointer: pointerText(file, pointer) }));
}

/** A place inside a document as messages name it: a JSON pointer for JSON, a dotted path for YAML. */
export function pointerText(file: string, pointer: Pointer): string {
  return file.endsWith(".json") ? jsonPointer(pointer) : pointer.join(".");
}

function positions(text: string): (pointer: Pointer) => { line: number; column: number } | undefined {
  // Loaded only here: a run that reports no problem never needs the YAML parser on this thread.
  // JSON is YAML too, so the same parser places nodes of both.
  const { LineCounter, parseDocument } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  return (pointer) => {
    for (let depth = pointer.length; depth >= 0; depth--) {
      const node = (depth === 0 ? document.contents : document.getIn(pointer.slice(0, depth), true)) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}
