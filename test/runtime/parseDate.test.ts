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

  // Twilio's own form is read digit by digit where Date.UTC gives the same instant; at and past the
  // edges of that (days after the 28th, years before 1000, hour 24, odd digits) `new Date` reads it.
  it.each([
    "2024-01-02T03:04:05Z",
    "1000-01-01T00:00:00Z",
    "0999-12-31T23:59:59Z",
    "0050-06-15T12:00:00Z",
    "9999-12-28T23:59:59Z",
    "2024-02-28T23:59:59Z",
    "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-01-32T00:00:00Z",
    "2024-00-10T00:00:00Z",
    "2024-13-10T00:00:00Z",
    "2024-01-00T00:00:00Z",
    "2024-01-02T24:00:00Z",
    "2024-01-02T23:60:00Z",
    "2024-01-02T23:59:60Z",
  ])("reads Twilio's form %s as new Date does", (text) => {
    expect(parseDate(text).getTime()).toBe(new Date(text).getTime());
  });

  it.each([
    "2024-01-02T03:04:0xZ",
    "2024-01-02T03:04:05z",
    "2024-01-02t03:04:05Z",
    "2024/01/02T03:04:05Z",
    "2024-01-02T03:04:05ZZ",
  ])("gives an Invalid Date for the near-miss %j", (text) => {
    expect(parseDate(text).getTime()).toBeNaN();
  });

  it("keeps null and absent fields as they are", () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeUndefined();
  });
});
