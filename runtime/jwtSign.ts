// HMAC-signed JSON Web Tokens (RFC 7519, JWS compact form), laid out as jsonwebtoken lays them
// out for twilio-node, so the same inputs and clock give the same token.
import { base64, hmac, utf8, type HashName } from "./hmac.js";

export type JwtAlgorithm = "HS256" | "HS384" | "HS512";

const HASHES: Record<JwtAlgorithm, HashName> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}

/** The current time in whole seconds since the epoch, as JWT claims count it. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Signs `claims` with `secret`. The header starts with `alg` and `typ`, then `extraHeader`; the
 * claims get `iat` (now) after their own, then `exp` as `iat + expiresIn` when given, then `iss`
 * and `sub` when given: jsonwebtoken's order.
 */
export function signJwt(
  claims: Record<string, unknown>,
  secret: string,
  options: {
    algorithm?: JwtAlgorithm;
    header?: Record<string, string>;
    expiresIn?: number;
    issuer?: string;
    subject?: string;
  } = {},
): string {
  const algorithm = options.algorithm ?? "HS256";
  const header = { alg: algorithm, typ: "JWT", ...options.header };
  const iat = nowSeconds();
  const payload: Record<string, unknown> = { ...claims, iat };
  if (options.expiresIn !== undefined) payload.exp = iat + options.expiresIn;
  if (options.issuer !== undefined) payload.iss = options.issuer;
  if (options.subject !== undefined) payload.sub = options.subject;
  const signingInput = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(payload)))}`;
  return `${signingInput}.${base64url(hmac(HASHES[algorithm], utf8(secret), utf8(signingInput)))}`;
}
