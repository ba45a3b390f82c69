import { createHash } from "node:crypto";

/** A SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
export function contentHash(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}
