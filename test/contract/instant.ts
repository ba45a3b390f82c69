/**
 * The instant a response's date text names, read by the formats docs/values.md promises, so that
 * the contract check of a `Date` field does not lean on the runtime's own parsing.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2024-01-02`, `2024-01-02T03:04:05Z`, `2024-01-02T03:04:05.678+01:00` (a time needs its offset). */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** `Tue, 02 Jan 2024 03:04:05 +0000` (api v2010); the weekday and the seconds are optional. */
const RFC_2822 =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|GMT|UT)$/;

/** Milliseconds since the epoch, or NaN for text in neither format (the SDK gives an Invalid Date). */
export function instantOf(text: string): number {
  const iso = ISO_8601.exec(text);
  if (iso) {
    const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", offset = "Z"] = iso;
    const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
    return utc(+year!, +month! - 1, +day!, +hour, +minute, +second, millis, offset);
  }
  const rfc = RFC_2822.exec(text);
  if (rfc) {
    const [, day, monthName, year, hour, minute, second = "0", offset] = rfc;
    const month = MONTHS.indexOf(monthName!);
    return month === -1 ? NaN : utc(+year!, month, +day!, +hour!, +minute!, +second, 0, offset!);
  }
  return NaN;
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: string,
): number {
  const date = new Date(Date.UTC(2000, month, day, hour, minute, second, millis));
  date.setUTCFullYear(year, month, day); // Date.UTC would read years 0-99 as 1900-1999
  const time = date.getTime();
  // Out-of-range parts (`2024-02-30`, `25:00`) roll over in Date.UTC; they name no date.
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return NaN;
  }
  return time - offsetMinutes(offset) * 60_000;
}

/** `Z`, `GMT`, `UT` → 0; `+01:30`, `-0130` → ±90. */
function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
