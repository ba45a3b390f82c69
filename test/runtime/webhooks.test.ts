/**
 * Webhook signatures: the SDK's results equal twilio-node's (the oracle) on generated requests:
 * random parameters, repeated keys, unicode, ports, query strings, JSON bodies, tampered
 * signatures; and validateRequest answers true or false whatever it is given.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { stringify as legacyStringify, parse as legacyParse } from "node:querystring";
import fc from "fast-check";
import twilio from "twilio";
import { getSignatureAlgorithm as twilioSignatureAlgorithm } from "twilio/lib/webhooks/webhooks.js";
import { describe, expect, it } from "vitest";
import { base64, digest, hex, hmac } from "../../runtime/hmac.js";
import {
  getExpectedBodyHash,
  getExpectedTwilioSignature,
  getSignatureAlgorithm,
  validateBody,
  validateRequest,
  validateRequestWithBody,
} from "../../runtime/webhooks.js";
import {
  validateIncomingRequest,
  validateWebhook,
  webhook,
  type ExpressLikeRequest,
} from "../../runtime/webhookRequests.js";

const SEED = 20261207;
const RUNS = 1200;

describe("SHA-1, SHA-256 and HMAC in TypeScript", () => {
  it("equal node:crypto on random keys and messages of every length around the block size", () => {
    for (let length = 0; length < 300; length++) {
      const key = randomBytes(length % 150);
      const message = randomBytes(length);
      for (const hash of ["sha1", "sha256"] as const) {
        expect(hex(hmac(hash, key, message))).toBe(createHmac(hash, key).update(message).digest("hex"));
        expect(base64(digest(hash, message))).toBe(createHash(hash).update(message).digest("base64"));
      }
      expect(base64(message)).toBe(message.toString("base64"));
    }
  });
});

// Characters that URLs, form fields and Twilio's signing treat differently: reserved, escaped,
// malformed escapes, plus, quote, unicode (and a lone surrogate).
const CHARS = ["a", "Z", "0", " ", "+", "%", "%27", "%zz", "'", "!", "*", "(", "~", "&", "=", "é", "☃", "😀", "\ud800"];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((parts) => parts.join(""));
const fieldValue = fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 }), fc.integer());
const params = fc.dictionary(text, fieldValue, { maxKeys: 5 });
const authToken = fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), text);
const algorithm = fc.constantFrom(undefined, "HMAC_SHA1", "HMAC_SHA256", "hmac_sha256");
const hostAndPort = fc.tuple(
  fc.constantFrom("example.com", "Example.COM", "127.0.0.1", "[::1]", "user:pw@hooks.example.com"),
  fc.constantFrom("", ":443", ":80", ":8080"),
);
const url = fc
  .record({
    scheme: fc.constantFrom("https", "http"),
    host: hostAndPort.map(([host, port]) => host + port),
    path: fc.array(text, { maxLength: 3 }).map((segments) => "/" + segments.join("/")),
    query: fc.array(fc.tuple(text, text), { maxLength: 4 }),
  })
  .map(
    ({ scheme, host, path, query }) =>
      `${scheme}://${host}${path}` + (query.length ? "?" + query.map(([k, v]) => `${k}=${v}`).join("&") : ""),
  );

/** The URL forms Twilio may have signed, made here with Node's own URL and querystring modules. */
function signedForms(received: string): string[] {
  const forms = [received];
  try {
    const normalised = new URL(received).toString();
    const query = normalised.indexOf("?");
    forms.push(normalised);
    if (query !== -1)
      forms.push(normalised.slice(0, query) + "?" + legacyStringify(legacyParse(normalised.slice(query + 1))));
  } catch {
    // not a URL: only the received form
  }
  return forms.flatMap((form) => [form, form.replace(/^(https?:\/\/[^/?#]*?)(:\d+)?(?=[/?#]|$)/, "$1")]);
}

/** twilio-node's answer, or false where it throws (it does on some malformed URLs; the SDK answers false). */
function oracle(validate: () => boolean): boolean {
  try {
    return validate();
  } catch {
    return false;
  }
}

const property = { seed: SEED, numRuns: RUNS };

describe("signatures, against twilio-node", () => {
  it(`getExpectedTwilioSignature equals twilio-node's (${RUNS} generated requests)`, () => {
    fc.assert(
      fc.property(authToken, url, params, algorithm, (token, address, fields, alg) => {
        expect(getExpectedTwilioSignature(token, address, fields, alg)).toBe(
          twilio.getExpectedTwilioSignature(token, address, fields, alg),
        );
      }),
      property,
    );
  });

  it(`validateRequest answers as twilio-node for genuine, cross-form and tampered signatures (${RUNS} requests)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        authToken,
        url,
        params,
        algorithm,
        fc.nat(),
        fc.boolean(),
        (token, address, fields, alg, pick, tamper) => {
          const forms = signedForms(address);
          let signature = twilio.getExpectedTwilioSignature(token, forms[pick % forms.length]!, fields, alg);
          if (tamper) signature = signature.slice(1) + (signature[0] === "A" ? "B" : "A");
          const expected = oracle(() => twilio.validateRequest(token, signature, address, fields, alg));
          expect(validateRequest(token, signature, address, fields, alg)).toBe(expected);
          if (tamper) expect(expected).toBe(false);
          if (expected) accepted++;
        },
      ),
      property,
    );
    // Half the signatures are genuine: most of them are accepted, so the comparison is not all "false".
    expect(accepted).toBeGreaterThan(RUNS / 3);
  });

  it(`validateRequestWithBody and bodySHA256 answer as twilio-node (${RUNS} JSON webhooks)`, () => {
    fc.assert(
      fc.property(authToken, url, text, fc.boolean(), algorithm, (token, address, body, honest, alg) => {
        const hash = honest ? twilio.getExpectedBodyHash(body) : twilio.getExpectedBodyHash(body + "x");
        const signed = `${address}${address.includes("?") ? "&" : "?"}bodySHA256=${hash}`;
        const signature = twilio.getExpectedTwilioSignature(token, signed, {}, alg);
        expect(getExpectedBodyHash(body)).toBe(twilio.getExpectedBodyHash(body));
        expect(validateBody(body, hash)).toBe(twilio.validateBody(body, hash));
        const expected = oracle(() => twilio.validateRequestWithBody(token, signature, signed, body, alg));
        expect(validateRequestWithBody(token, signature, signed, body, alg)).toBe(expected);
      }),
      property,
    );
  });

  it(`validateIncomingRequest builds the URL of an Express request as twilio-node does (${RUNS} requests)`, () => {
    const request = fc.record({
      protocol: fc.constantFrom("https", "http", "https:"),
      host: hostAndPort.map(([host, port]) => host.replace(/^.*@/, "") + port),
      path: url.map((address) => address.replace(/^https?:\/\/[^/]*/, "")),
      override: fc.option(fc.record({ host: fc.constant("proxy.example.com"), protocol: fc.constant("https") })),
    });
    fc.assert(
      fc.property(authToken, request, params, (token, { protocol, host, path, override }, fields) => {
        const url = `${override?.protocol ?? protocol.replace(/:$/, "")}://${override?.host ?? host}${path}`;
        const signature = twilio.getExpectedTwilioSignature(token, url, fields);
        const express = expressRequest({ protocol, host, originalUrl: path, body: fields, signature });
        const options = override ?? {};
        const expected = oracle(() => twilio.validateIncomingRequest(express as never, token, options));
        expect(validateIncomingRequest(express, token, options)).toBe(expected);
      }),
      property,
    );
  });

  it("reads the algorithm of the signature-settings header as twilio-node does", () => {
    const headers = [undefined, "", "key=K1", "key=K1,algorithm=HMAC_SHA256", " algorithm = HMAC_SHA1 ", "algorithm="];
    for (const header of headers) expect(getSignatureAlgorithm(header)).toBe(twilioSignatureAlgorithm(header));
  });
});

function expressRequest(given: {
  protocol: string;
  host: string;
  originalUrl: string;
  body: Record<string, unknown>;
  signature: string;
}): ExpressLikeRequest {
  const headers: Record<string, string> = { host: given.host, "x-twilio-signature": given.signature };
  return {
    protocol: given.protocol,
    originalUrl: given.originalUrl,
    headers,
    body: given.body,
    header: (name: string) => headers[name.toLowerCase()],
  };
}

describe("validateRequest, given anything", () => {
  const anything = fc.anything({ withNullPrototype: true, withObjectString: true });
  it(`answers true or false and never throws (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(anything, anything, anything, anything, (token, header, address, fields) => {
        const answer = validateRequest(token as string, header as string, address as string, fields as never);
        expect(typeof answer).toBe("boolean");
      }),
      property,
    );
  });
});

describe("webhook(): Express middleware, on a real Express server on 127.0.0.1", () => {
  const TOKEN = "12345678901234567890123456789012";
  const fields = { CallSid: "CA1", From: "+15550001111", Digits: ["1", "2"] };

  /** An Express app behind the middleware; answers what reached the handler. */
  async function serve(middleware: ReturnType<typeof webhook>) {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post("/voice", middleware as never, (_request, response) => void response.send("<Response/>"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((done) => server.once("listening", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, close: () => new Promise((done) => server.close(done)) };
  }

  const post = (url: string, headers: Record<string, string>) => {
    const body = new URLSearchParams([
      ["CallSid", "CA1"],
      ["From", "+15550001111"],
      ["Digits", "1"],
      ["Digits", "2"],
    ]);
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
  };

  it.each([
    {
      given: "a signature for the URL",
      sign: (url: string) => twilio.getExpectedTwilioSignature(TOKEN, url, fields),
      want: 200,
    },
    {
      given: "a tampered signature",
      sign: (url: string) => twilio.getExpectedTwilioSignature(TOKEN, url + "x", fields),
      want: 403,
    },
    { given: "no signature", sign: () => undefined, want: 400 },
  ])("answers $want for $given, as twilio-node's middleware does", async ({ sign, want }) => {
    for (const middleware of [webhook(TOKEN), twilio.webhook(TOKEN)]) {
      const server = await serve(middleware as never);
      try {
        const signature = sign(`${server.base}/voice?x=1`);
        const response = await post(`${server.base}/voice?x=1`, signature ? { "X-Twilio-Signature": signature } : {});
        expect(response.status).toBe(want);
        await response.text();
      } finally {
        await server.close();
      }
    }
  });

  it("answers 500 without an auth token, and passes every request with validate: false", async () => {
    const saved = process.env.TWILIO_AUTH_TOKEN;
    delete process.env.TWILIO_AUTH_TOKEN;
    try {
      for (const [middleware, want] of [
        [webhook(), 500],
        [webhook({ validate: false }), 200],
      ] as const) {
        const server = await serve(middleware);
        const response = await post(`${server.base}/voice`, { "X-Twilio-Signature": "forged" });
        expect(response.status).toBe(want);
        await response.text();
        await server.close();
      }
    } finally {
      if (saved !== undefined) process.env.TWILIO_AUTH_TOKEN = saved;
    }
  });
});

describe("validateWebhook(request), for fetch-style servers", () => {
  const TOKEN = "12345678901234567890123456789012";
  const URL_ = "https://hooks.example.com/sms?tenant=7";
  const form = new URLSearchParams([
    ["Body", "héllo"],
    ["MediaUrl", "b"],
    ["MediaUrl", "a"],
    ["To", "+1555"],
  ]);
  const fields = { Body: "héllo", MediaUrl: ["b", "a"], To: "+1555" };
  const formRequest = (signature: string, url = URL_) =>
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: form.toString(),
    });

  it.each([
    {
      given: "a form webhook signed for its URL",
      request: () => formRequest(twilio.getExpectedTwilioSignature(TOKEN, URL_, fields)),
      want: true,
    },
    {
      given: "a form webhook with a tampered field",
      request: () => formRequest(twilio.getExpectedTwilioSignature(TOKEN, URL_, { ...fields, To: "+1666" })),
      want: false,
    },
    { given: "no signature header", request: () => new Request(URL_, { method: "POST", body: form }), want: false },
  ])("answers $want for $given", async ({ request, want }) => {
    expect(await validateWebhook(request(), { authToken: TOKEN })).toBe(want);
  });

  it("checks a JSON webhook by bodySHA256, and leaves the body readable", async () => {
    const body = JSON.stringify({ event: "call.completed", sid: "CA1" });
    const url = `https://hooks.example.com/events?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
    const request = new Request(url, { method: "POST", headers: { "X-Twilio-Signature": signature }, body });
    expect(await validateWebhook(request, { authToken: TOKEN })).toBe(true);
    expect(await request.json()).toEqual({ event: "call.completed", sid: "CA1" });
    const altered = new Request(url, {
      method: "POST",
      headers: { "X-Twilio-Signature": signature },
      body: body + " ",
    });
    expect(await validateWebhook(altered, { authToken: TOKEN })).toBe(false);
  });

  it("checks against the configured url when a proxy changed the request's, and SharedKey webhooks with HMAC_SHA256", async () => {
    const signature = twilio.getExpectedTwilioSignature("shared secret", URL_, fields, "HMAC_SHA256");
    const request = new Request("http://10.0.0.7:8080/sms?tenant=7", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signature,
        "x-twilio-webhooks-signature-settings": "key=K1,algorithm=HMAC_SHA256",
      },
      body: form.toString(),
    });
    expect(
      await validateWebhook(request.clone(), { authToken: TOKEN, sharedKeySecret: "shared secret", url: URL_ }),
    ).toBe(true);
    expect(await validateWebhook(request.clone(), { authToken: TOKEN, sharedKeySecret: "shared secret" })).toBe(false);
    expect(await validateWebhook(request.clone(), { authToken: TOKEN, url: URL_ })).toBe(false);
  });
});
