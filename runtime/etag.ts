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
