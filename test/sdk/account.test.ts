/** The client's own account (`phone.v2010.account`), the root shortcuts to it, and dates read as `Date`. */
import { describe, expect, expectTypeOf, it } from "vitest";
import { Twilio } from "../fixtures/generated/index.js";
import { ACCOUNT_SID, json, rawPath, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();

const CALL = {
  sid: "CA1",
  account_sid: ACCOUNT_SID,
  status: "in-progress",
  start_time: "Tue, 02 Jan 2024 03:04:05 +0000",
  end_time: null,
  date_created: "Tue, 02 Jan 2024 03:04:00 +0000",
};
const CALLS = { calls: [CALL], page: 0, page_size: 50, next_page_uri: null };

describe("the default account", () => {
  it("account addresses the client's accountSid", async () => {
    sdk.respond(() => json(CALL));

    await sdk.twilio.phone.v2010.account.calls("CA1").fetch();

    expect(rawPath(sdk.onlyRequest())).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA1.json`);
  });

  it("the root shortcut `calls` is the account's calls", async () => {
    sdk.respond(() => json(CALLS));

    const page = await sdk.twilio.calls.page();

    expect(rawPath(sdk.onlyRequest())).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    expect(page.instances.map((call) => call.sid)).toEqual(["CA1"]);
  });

  it("a client without accountSid refuses, naming the fix, before sending anything", () => {
    // Credentials, but no account: an OAuth access token names none.
    const anonymous = new Twilio({ accessToken: "token", baseUrls: { "*": sdk.server.origin } });

    expect(() => anonymous.calls).toThrow(/accountSid/);
    expect(() => anonymous.phone.v2010.account).toThrow(TypeError);
  });
});

describe("response dates", () => {
  it("RFC 2822 fields are Dates (the same instant), null stays null, raw() keeps the text", async () => {
    sdk.respond(() => json(CALL));

    const call = await sdk.twilio.calls("CA1").fetch();

    expect(call.startTime).toBeInstanceOf(Date);
    expect(call.startTime?.toISOString()).toBe("2024-01-02T03:04:05.000Z");
    expect(call.dateCreated).toEqual(new Date("2024-01-02T03:04:00Z"));
    expect(call.endTime).toBeNull();
    expect(call.raw().start_time).toBe(CALL.start_time);
    expectTypeOf(call.startTime).toEqualTypeOf<Date | null | undefined>();
    expectTypeOf(call.raw().start_time).toEqualTypeOf<string | null | undefined>();
  });
});
