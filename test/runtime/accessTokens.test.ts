/**
 * Access and capability tokens: for the same inputs and clock, the SDK's token is twilio-node's,
 * byte for byte (so header, claims and grants are equal too), and it verifies with jsonwebtoken.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import jsonwebtoken from "jsonwebtoken";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jwt } from "../../generated/index.js";
import { base64, digest, hex, hmac } from "../../runtime/hmac.js";

const theirs = twilio.jwt;
const CLOCK = new Date("2026-12-07T10:00:00Z");

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(CLOCK);
});
afterAll(() => vi.useRealTimers());

describe("SHA-384, SHA-512 and their HMACs in TypeScript", () => {
  it("equal node:crypto around both block sizes", () => {
    for (let length = 0; length < 260; length += 3) {
      const key = randomBytes(length % 200);
      const message = randomBytes(length);
      for (const hash of ["sha384", "sha512"] as const) {
        expect(hex(hmac(hash, key, message))).toBe(createHmac(hash, key).update(message).digest("hex"));
        expect(base64(digest(hash, message))).toBe(createHash(hash).update(message).digest("base64"));
      }
    }
  });
});

/** The grants of both SDKs for one set of options: [ours, twilio-node's]. */
const GRANTS = [
  ["TaskRouterGrant", { workspaceSid: "WS1", workerSid: "WK1", role: "worker" }],
  ["TaskRouterGrant", {}],
  ["ChatGrant", { serviceSid: "IS1", endpointId: "e", deploymentRoleSid: "RL1", pushCredentialSid: "CR1" }],
  ["VideoGrant", { room: "RM1" }],
  ["SyncGrant", { serviceSid: "IS2", endpointId: "device-1" }],
  ["VoiceGrant", { incomingAllow: true, outgoingApplicationSid: "AP1", outgoingApplicationParams: { a: 1 } }],
  ["VoiceGrant", { incomingAllow: false, outgoingApplicationSid: "AP1", pushCredentialSid: "CR2", endpointId: "x" }],
  ["PlaybackGrant", { grant: { requestCredentials: null, playbackUrl: "https://x", playerStreamerSid: "VJ1" } }],
  ["PlaybackGrant", {}],
] as const;

describe("jwt.AccessToken, against twilio-node", () => {
  const SECRET = "a secret of the API key";
  it.each(GRANTS)("%s %j gives twilio-node's token", (name, options) => {
    const ours = new jwt.AccessToken("AC1", "SK1", SECRET, { identity: "alice", ttl: 600 });
    const reference = new theirs.AccessToken("AC1", "SK1", SECRET, { identity: "alice", ttl: 600 });
    ours.addGrant(new jwt.AccessToken[name](options as never));
    reference.addGrant(new theirs.AccessToken[name](options as never));
    expect(ours.toJwt()).toBe(reference.toJwt());
  });

  it("gives twilio-node's token for every option, several grants and every algorithm (500 generated tokens)", () => {
    const options = fc.record(
      {
        identity: fc.oneof(fc.string({ minLength: 1 }), fc.integer({ min: 1 })),
        ttl: fc.integer({ min: 1, max: 86_400 }),
        nbf: fc.integer({ min: 0, max: 2_000_000_000 }),
        region: fc.constantFrom("au1", "ie1", "us1"),
      },
      { requiredKeys: ["identity"] },
    );
    const grants = fc.array(fc.constantFrom(...GRANTS), { maxLength: 4 });
    const algorithm = fc.constantFrom("HS256", "HS384", "HS512") as fc.Arbitrary<"HS256" | "HS384" | "HS512">;
    fc.assert(
      fc.property(options, grants, algorithm, fc.string({ minLength: 1 }), (given, chosen, alg, secret) => {
        const ours = new jwt.AccessToken("AC2", "SK2", secret, given);
        const reference = new theirs.AccessToken("AC2", "SK2", secret, given as never);
        for (const [name, grantOptions] of chosen) {
          ours.addGrant(new jwt.AccessToken[name](grantOptions as never));
          reference.addGrant(new theirs.AccessToken[name](grantOptions as never));
        }
        expect(ours.toJwt(alg)).toBe(reference.toJwt(alg));
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });

  it("verifies with jsonwebtoken, with cty twilio-fpa;v=1 and the claims Twilio reads", () => {
    const token = new jwt.AccessToken("AC3", "SK3", SECRET, { identity: "bob", region: "ie1" });
    token.addGrant(new jwt.AccessToken.SyncGrant({ serviceSid: "IS3" }));
    const decoded = jsonwebtoken.verify(token.toJwt(), SECRET, { algorithms: ["HS256"], complete: true });
    const now = CLOCK.getTime() / 1000;
    expect(decoded.header).toEqual({ alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1", twr: "ie1" });
    expect(decoded.payload).toEqual({
      jti: `SK3-${now}`,
      grants: { identity: "bob", data_sync: { service_sid: "IS3" } },
      iat: now,
      exp: now + 3600,
      iss: "SK3",
      sub: "AC3",
    });
    expect(() => jsonwebtoken.verify(token.toJwt(), "another secret")).toThrow(/invalid signature/);
  });

  it("refuses what twilio-node refuses, with its messages", () => {
    expect(() => new jwt.AccessToken("", "SK1", "s", { identity: "a" })).toThrow("accountSid is required");
    expect(() => new jwt.AccessToken("AC1", "SK1", "s", { identity: "" })).toThrow(/identity is required/);
    expect(() => new jwt.AccessToken("AC1", "SK1", "s", { identity: "a" }).toJwt("RS256" as never)).toThrow(
      "Algorithm not supported. Allowed values are HS256, HS384, HS512",
    );
  });

  it("never shows its secret in util.inspect or JSON", () => {
    const token = new jwt.AccessToken("AC1", "SK1", "the-secret-value", { identity: "a" });
    expect(inspect(token, { depth: 5 })).not.toContain("the-secret-value");
    expect(JSON.stringify(token)).not.toContain("the-secret-value");
  });
});

describe("jwt.ClientCapability and jwt.taskrouter, against twilio-node", () => {
  it("ClientCapability with every scope gives twilio-node's token", () => {
    const make = (api: typeof jwt | typeof theirs) => {
      const capability = new api.ClientCapability({ accountSid: "AC1", authToken: "token", ttl: 120 });
      capability.addScope(new api.ClientCapability.IncomingClientScope("alice & bob"));
      capability.addScope(
        new api.ClientCapability.OutgoingClientScope({
          applicationSid: "AP1",
          clientName: "caller/1",
          params: { to: "+1 555", note: "a=b&c" },
        }),
      );
      capability.addScope(new api.ClientCapability.EventStreamScope({ CallSid: "CA1", "a b": "é" }));
      capability.addScope(new api.ClientCapability.EventStreamScope());
      return capability.toJwt();
    };
    expect(make(jwt)).toBe(make(theirs));
  });

  it.each(["WK1", "WQ1", "WS1"])(
    "TaskRouterCapability for channel %s with default policies gives twilio-node's token",
    (channelId) => {
      const make = (api: typeof jwt | typeof theirs) => {
        const options = { accountSid: "AC1", authToken: "tok", workspaceSid: "WS1", channelId, friendlyName: "desk" };
        const capability = new api.taskrouter.TaskRouterCapability(options);
        const { util } = api.taskrouter;
        for (const policy of [
          ...util.defaultWorkerPolicies("v1", "WS1", "WK1"),
          ...util.defaultEventBridgePolicies("AC1", channelId),
          new api.taskrouter.TaskRouterCapability.Policy({
            url: util.tasksUrl("WS1"),
            method: "POST",
            postFilter: { a: 1 },
          }),
        ])
          capability.addPolicy(policy as never);
        return capability.toJwt();
      };
      expect(make(jwt)).toBe(make(theirs));
    },
  );

  it("builds twilio-node's TaskRouter URLs", () => {
    const ours = jwt.taskrouter.util;
    const reference = theirs.taskrouter.util;
    expect([
      ours.workspacesUrl(),
      ours.workspacesUrl("WS1"),
      ours.taskQueuesUrl("WS1"),
      ours.taskQueuesUrl("WS1", "WQ1"),
      ours.tasksUrl("WS1", "WT1"),
      ours.activitiesUrl("WS1"),
      ours.workersUrl("WS1", "WK1"),
      ours.reservationsUrl("WS1", "WK1", "WR1"),
    ]).toEqual([
      reference.workspacesUrl(),
      reference.workspacesUrl("WS1"),
      reference.taskQueuesUrl("WS1"),
      reference.taskQueuesUrl("WS1", "WQ1"),
      reference.tasksUrl("WS1", "WT1"),
      reference.activitiesUrl("WS1"),
      reference.workersUrl("WS1", "WK1"),
      reference.reservationsUrl("WS1", "WK1", "WR1"),
    ]);
  });
});
