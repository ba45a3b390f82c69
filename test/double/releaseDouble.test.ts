/**
 * The Twilio double of generated/, the SDK of the pinned release (committed, so no spec files are
 * needed): api v2010 as Twilio's most used service, and Sync's If-Match, through their own package entries.
 */
import { describe, expect, it } from "vitest";
import { Api } from "../../generated/api/index.js";
import { PreconditionFailedException, Sync } from "../../generated/sync/index.js";
import { createTwilioDouble } from "../../generated/testing/index.js";

const ACCOUNT = `AC${"2".repeat(32)}`;

describe("the pinned release's double: api v2010", () => {
  it("creates a Message with an SM SID (the first of the pattern's SM|MM), RFC 2822 dates, and its uri", async () => {
    const double = createTwilioDouble();
    const api = new Api({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch });

    const message = await api.v2010.account.messages.create({ to: "+15550001", from: "+15550002", body: "hi" });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({ to: "+15550001", body: "hi", accountSid: ACCOUNT });
    const stored = double.get(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/${message.sid}.json`)!;
    expect(stored.fields).toMatchObject({
      date_created: "Wed, 01 Jan 2025 00:00:01 +0000",
      uri: `/2010-04-01/Accounts/${ACCOUNT}/Messages/${message.sid}.json`,
    });
    expect(message.dateCreated).toEqual(new Date("2025-01-01T00:00:01Z"));
  });

  it("answers 400 for a required parameter that names no field of the answer (a Participant's From and To)", async () => {
    const double = createTwilioDouble();
    const participants = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Conferences/CF1/Participants.json`;
    const post = (body: string) =>
      double.fetch(participants, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });

    const missing = await post("To=%2B15550001");
    const complete = await post("To=%2B15550001&From=%2B15550002");

    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 20001, message: expect.stringContaining("From") });
    expect(complete.status).toBe(201);
  });
});

describe("the pinned release's double: Sync's If-Match takes the revision, as its spec says", () => {
  const writes = {
    // given a way to create an instance and to update it → want a write with its revision to succeed
    "a Map item": async (sync: Sync) => {
      const items = sync.v1.services("IS1").syncMaps("MP1").syncMapItems;
      const item = await items.create({ key: "k", data: { n: 1 } });
      return { item, update: (ifMatch: string) => items(item.key!).update({ ifMatch, data: { n: 2 } }) };
    },
    "a Document": async (sync: Sync) => {
      const documents = sync.v1.services("IS1").documents;
      const item = await documents.create({ data: { n: 1 } });
      return { item, update: (ifMatch: string) => documents(item.sid!).update({ ifMatch, data: { n: 2 } }) };
    },
  };

  it.each(Object.keys(writes) as (keyof typeof writes)[])(
    "%s: an unchanged revision matches as the ETag does, a stale one answers 412 (20412)",
    async (name) => {
      const double = createTwilioDouble();
      const sync = new Sync({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch });
      const { item, update } = await writes[name](sync);

      const updated = await update(item.revision!);
      const stale = await update(item.revision!).catch((error: unknown) => error);

      expect(updated.data).toEqual({ n: 2 });
      expect(updated.revision).not.toBe(item.revision);
      expect(updated.etag).not.toBe(item.etag);
      expect(stale).toBeInstanceOf(PreconditionFailedException);
      expect(stale).toMatchObject({ status: 412, code: 20412 });
      expect(double.get(updated.url!)).toMatchObject({ version: 2, fields: { revision: updated.revision } });
    },
  );
});
