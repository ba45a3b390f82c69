/** RFC 9110's entity-tag: an optional `W/`, then a quoted string of etagc (visible ASCII but `"`, or obs-text). */
const QUOTED_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;
/** A bare revision, as Twilio's docs have If-Match carry a Sync item's `revision`: visible ASCII but `"` and `,`. */
const BARE_TAG = /^[\x21\x23-\x2b\x2d-\x7e]+$/;

/**
 * Whether `value` is one entity tag, fit to read as an instance's `etag` and to send in If-Match:
 * `"3"`, `W/"3"`, or a bare revision such as `3`. Never empty, never `*` (which matches any
 * version), never a list (`"a", "b"` is what fetch makes of two ETag headers; If-Match would take
 * either), never whitespace (a folded header) or a control character.
 */
export function isEntityTag(value: unknown): value is string {
  return typeof value === "string" && value !== "*" && (QUOTED_TAG.test(value) || BARE_TAG.test(value));
}

/** Why `value` cannot go in If-Match, for the error that refuses it; undefined when it is one entity tag. */
export function entityTagProblem(value: unknown): string | undefined {
  if (value === null) return "it is null";
  if (Array.isArray(value)) return "it is an array (If-Match takes one tag)";
  if (typeof value !== "string") return `it is of type ${typeof value}, not a string`;
  if (isEntityTag(value)) return undefined;
  if (value === "") return "it is empty";
  if (/[\r\n]/.test(value)) return "it contains a CR or LF";
  if (/[\x00-\x1f\x7f]/.test(value)) return "it contains a control character";
  if (value === "*") return "* matches any current version, which checks nothing";
  return "it is not one entity tag (a list of tags, a space, or a quote out of place)";
}
