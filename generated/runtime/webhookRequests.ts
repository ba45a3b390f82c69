// Validating whole requests: Express/Connect requests and middleware under twilio-node's names,
// and `validateWebhook` for fetch-style servers (Workers, Deno, Bun, route handlers).
import {
  getSignatureAlgorithm,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  validateRequest,
  validateRequestWithBody,
  type WebhookParams,
} from "./webhooks.js";
import { formatRequestUrl } from "./webhookUrls.js";
import { processEnv } from "./options.js";

/** What the checks read of an Express (or Connect, with body parsing) request. */
export interface ExpressLikeRequest {
  header(name: string): string | undefined;
  protocol?: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  rawBody?: string;
}

/** What the middleware writes of an Express response. */
export interface ExpressLikeResponse {
  type(type: string): ExpressLikeResponse;
  status(code: number): ExpressLikeResponse;
  send(body: string): unknown;
}

export interface RequestValidatorOptions {
  /** The full URL (with query) the webhook is configured with; overrides host and protocol. */
  url?: string;
  /** The host name Twilio was given, when a proxy changes the request's. */
  host?: string;
  /** The protocol Twilio was given, when a proxy changes the request's. */
  protocol?: string;
  /** HMAC_SHA1 (default) or HMAC_SHA256: `getSignatureAlgorithm()` of the settings header, for SharedKey webhooks. */
  algorithm?: string;
}

/** Whether an Express request came from Twilio (its body parsed by `express.urlencoded()`). */
export function validateIncomingRequest(
  request: ExpressLikeRequest,
  authToken: string,
  options: RequestValidatorOptions = {},
): boolean {
  const host = options.host || (request.headers.host as string | undefined);
  const url = options.url || formatRequestUrl(options.protocol || request.protocol, host, request.originalUrl);
  const signature = request.header(SIGNATURE_HEADER) || "";
  if (url.indexOf("bodySHA256") > 0)
    return validateRequestWithBody(authToken, signature, url, request.rawBody || "{}", options.algorithm);
  return validateRequest(authToken, signature, url, (request.body || {}) as WebhookParams, options.algorithm);
}

/** twilio-node's other name for `validateIncomingRequest`. */
export const validateExpressRequest = validateIncomingRequest;

export interface WebhookOptions extends Omit<RequestValidatorOptions, "algorithm"> {
  /** Check signatures (default true); false passes every request on. */
  validate?: boolean;
  /** The Auth Token (default: the TWILIO_AUTH_TOKEN environment variable). */
  authToken?: string;
  /** The SharedKey secret, for webhooks that carry the signature-settings header. */
  sharedKeySecret?: string;
}

type Middleware = (request: ExpressLikeRequest, response: ExpressLikeResponse, next: () => void) => unknown;

/**
 * Express/Connect middleware that answers 400 without a signature, 403 for a wrong one and 500
 * without a secret to check with, and passes Twilio's requests on. Takes twilio-node's forms:
 * `webhook()`, `webhook(authToken)`, `webhook(options)`, `webhook(authToken, options)`.
 */
export function webhook(...args: (string | WebhookOptions | undefined)[]): Middleware {
  const options: WebhookOptions = { validate: true };
  let token: string | undefined;
  for (const arg of args) {
    if (typeof arg === "string") token = arg;
    else if (arg !== null && typeof arg === "object") Object.assign(options, arg);
  }
  options.validate ??= true;
  options.authToken = token ?? options.authToken ?? processEnv().TWILIO_AUTH_TOKEN;
  return (request, response, next) => {
    if (!options.validate) return next();
    if (!request.header(SIGNATURE_HEADER)) {
      return response
        .type("text/plain")
        .status(400)
        .send(
          "No signature header error - X-Twilio-Signature header does not exist, maybe this request is not coming from Twilio.",
        );
    }
    const settings = request.header(SIGNATURE_SETTINGS_HEADER);
    const secret = settings ? options.sharedKeySecret : options.authToken;
    if (!secret) {
      const missing = settings ? "SharedKey secret" : "auth token";
      console.error(`[Twilio]: Error - Twilio ${missing} is required for webhook request validation.`);
      return response
        .type("text/plain")
        .status(500)
        .send(`Webhook Error - we attempted to validate this request without first configuring our ${missing}.`);
    }
    const { url, host, protocol } = options;
    if (validateIncomingRequest(request, secret, { url, host, protocol, algorithm: getSignatureAlgorithm(settings) }))
      return next();
    return response.type("text/plain").status(403).send("Twilio Request Validation Failed.");
  };
}

export interface ValidateWebhookOptions {
  /** The Auth Token, for webhooks signed with it. */
  authToken?: string;
  /** The SharedKey secret, for webhooks that carry the signature-settings header. */
  sharedKeySecret?: string;
  /** The URL the webhook is configured with, when it differs from `request.url` (a proxy in front). */
  url?: string;
}

/**
 * Whether a fetch-style `Request` came from Twilio: form webhooks by their fields, JSON ones by
 * `bodySHA256`. Reads a clone of the body, so the request stays readable.
 */
export async function validateWebhook(request: Request, options: ValidateWebhookOptions): Promise<boolean> {
  const settings = request.headers.get(SIGNATURE_SETTINGS_HEADER);
  const secret = settings ? options.sharedKeySecret : options.authToken;
  const signature = request.headers.get(SIGNATURE_HEADER);
  if (!secret || !signature) return false;
  const url = options.url ?? request.url;
  const algorithm = getSignatureAlgorithm(settings);
  const body = request.body === null ? "" : await request.clone().text();
  if (url.includes("bodySHA256")) return validateRequestWithBody(secret, signature, url, body, algorithm);
  const form = (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("application/x-www-form-urlencoded");
  return validateRequest(secret, signature, url, form ? formFields(body) : {}, algorithm);
}

/** A form body's fields, a repeated one as a list. */
function formFields(body: string): WebhookParams {
  const fields: Record<string, string | string[]> = Object.create(null);
  new URLSearchParams(body).forEach((value, key) => {
    const seen = fields[key];
    fields[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  });
  return fields;
}
