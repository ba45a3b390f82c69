/**
 * parseDate reads the date texts docs/values.md promises (ISO 8601 days and timestamps, RFC 2822),
 * the same instant on every machine and the instant twilio-node reads, and gives an Invalid Date
 * for other text.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../runtime/index.js";

const twilioDeserialize = createRequire(import.meta.url)("twilio/lib/base/deserialize.js") as {
  iso8601DateTime(value: string): Date;
};

describe("parseDate", () => {
  it.each([
    ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02T03:04:05.678Z", "2024-01-02T03:04:05.678Z"],
    ["2024-01-02T03:04:05+01:30", "2024-01-02T01:34:05.000Z"],
    ["2024-01-02", "2024-01-02T00:00:00.000Z"],
    ["Tue, 02 Jan 2024 03:04:05 +0000", "2024-01-02T03:04:05.000Z"],
    // Without an offset: UTC, as twilio-node (dayjs.utc) reads it, never the machine's own zone.
    ["2024-01-02T03:04:05", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02 03:04:05", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02T03:04:05.678", "2024-01-02T03:04:05.678Z"],
  ])("reads %s as %s, as twilio-node does", (text, instant) => {
    expect(parseDate(text).toISOString()).toBe(instant);
    expect(twilioDeserialize.iso8601DateTime(text).toISOString()).toBe(instant);
  });

  // V8's fallback parser takes these: "1" as 2001-01-01, "string 5" as 2001-05-01, "May 2024" in
  // the machine's own time zone (twilio-node's dayjs too: an instant that depends on the machine).
  it.each(["1", "string 5", "May 2024", "2024-01-02T", "2024-01-02T03", ""])("gives an Invalid Date for %j", (text) => {
    expect(parseDate(text).getTime()).toBeNaN();
  });

  it("keeps null and absent fields as they are", () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeUndefined();
  });
});
