// What the root entry adds to the runtime's public API (public.ts): twilio-node's helpers under
// its names (webhook signatures, `jwt`, `twiml`), plus `validateWebhook` for fetch-style servers
// and the SharedKey names its checks need. A deliberate list, as public.ts is.
export {
  getExpectedBodyHash,
  getExpectedTwilioSignature,
  getSignatureAlgorithm,
  HMAC_SHA1,
  HMAC_SHA256,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  validateBody,
  validateRequest,
  validateRequestWithBody,
} from "./webhooks.js";
export type { WebhookParams } from "./webhooks.js";
export { validateExpressRequest, validateIncomingRequest, validateWebhook, webhook } from "./webhookRequests.js";
export type {
  ExpressLikeRequest,
  ExpressLikeResponse,
  RequestValidatorOptions,
  ValidateWebhookOptions,
  WebhookOptions,
} from "./webhookRequests.js";
export * as jwt from "./jwt.js";
export * as twiml from "./twiml.js";
