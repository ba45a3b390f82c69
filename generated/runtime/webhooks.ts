// Webhook signatures, under twilio-node's names and with its results: Twilio signs each request
// to your server with your Auth Token (or a SharedKey secret). The checks are synchronous and use
// no Node-only API, so `if (validateRequest(...))` means what it says in every runtime.
import { base64, constantTimeEqual, digest, hex, hmac, utf8, type HashName } from "./hmac.js";
import { normalisedUrlForms, receivedUrlForms } from "./webhookUrls.js";

/** The header that carries the webhook signature. */
export const SIGNATURE_HEADER = "X-Twilio-Signature";
/** The header of webhooks signed with a SharedKey: `key=<sharedKeyId>,algorithm=<algorithm>`. */
export const SIGNATURE_SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings";
export const HMAC_SHA1 = "HMAC_SHA1";
export const HMAC_SHA256 = "HMAC_SHA256";

/** A webhook's parameters: form fields, a repeated one as a list. */
export type WebhookParams = Record<string, unknown>;

/** The algorithm a signature-settings header names; none (or no header) means HMAC_SHA1. */
export function getSignatureAlgorithm(signatureSettingsHeader?: string | null): string {
  for (const part of (signatureSettingsHeader || "").split(",")) {
    const separator = part.indexOf("=");
    if (separator !== -1 && part.slice(0, separator).trim() === "algorithm") {
      const algorithm = part.slice(separator + 1).trim();
      if (algorithm) return algorithm;
    }
  }
  return HMAC_SHA1;
}

function hashOf(algorithm: string | undefined): HashName | undefined {
  if (!algorithm || algorithm.toUpperCase() === HMAC_SHA1) return "sha1";
  return algorithm.toUpperCase() === HMAC_SHA256 ? "sha256" : undefined;
}

/** A parameter as Twilio signs it: name and value, a list's distinct values sorted. */
function signedParam(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    return Array.from(new Set(value))
      .sort()
      .map((item) => signedParam(name, item))
      .join("");
  }
  return name + (value as string);
}

/** The signature Twilio sends for this URL and these parameters; throws on an unknown algorithm. */
export function getExpectedTwilioSignature(
  authToken: string,
  url: string,
  params: WebhookParams | null,
  algorithm?: string,
): string {
  const hash = hashOf(algorithm);
  if (hash === undefined) throw new Error(`Unsupported webhook signature algorithm: ${algorithm}`);
  const fields = params === null && url.includes("bodySHA256") ? {} : (params ?? {});
  const data = Object.keys(fields)
    .sort()
    .reduce((signed, key) => signed + signedParam(key, fields[key]), url);
  return base64(hmac(hash, utf8(authToken), utf8(data)));
}

/** The hex SHA-256 of a request body, which Twilio sends as the `bodySHA256` query parameter. */
export function getExpectedBodyHash(body: string): string {
  return hex(digest("sha256", utf8(body)));
}

/**
 * Whether a request came from Twilio: `twilioHeader` is its X-Twilio-Signature, `url` the full URL
 * (with query) it reached, `params` its form fields. The URL is tried as received, with and
 * without its port, then normalised, as twilio-node does. Never throws: anything malformed is false.
 */
export function validateRequest(
  authToken: string,
  twilioHeader: string,
  url: string,
  params: WebhookParams,
  algorithm?: string,
): boolean {
  if (hashOf(algorithm) === undefined) {
    console.warn(
      `[Twilio]: Unsupported webhook signature algorithm '${algorithm}'. Supported: ${HMAC_SHA1}, ${HMAC_SHA256}.`,
    );
    return false;
  }
  if (typeof authToken !== "string" || typeof url !== "string") return false;
  const header = typeof twilioHeader === "string" ? twilioHeader : "";
  const signedFor = (candidate: string) =>
    constantTimeEqual(header, getExpectedTwilioSignature(authToken, candidate, params, algorithm));
  try {
    return receivedUrlForms(url).some(signedFor) || normalisedUrlForms(url).some(signedFor);
  } catch {
    return false; // parameters that have no text form (an object without a prototype) were never signed
  }
}

/** Whether `body` hashes to `bodyHash` (hex SHA-256). */
export function validateBody(body: string, bodyHash: string): boolean {
  return constantTimeEqual(String(bodyHash), getExpectedBodyHash(body));
}

/** As `validateRequest`, for a JSON body: the signature covers the URL, whose `bodySHA256` covers the body. */
export function validateRequestWithBody(
  authToken: string,
  twilioHeader: string,
  url: string,
  body: string,
  algorithm?: string,
): boolean {
  let bodyHash: string;
  try {
    bodyHash = new URL(url).searchParams.get("bodySHA256") || "";
  } catch {
    return false;
  }
  return validateRequest(authToken, twilioHeader, url, {}, algorithm) && validateBody(body, bodyHash);
}
