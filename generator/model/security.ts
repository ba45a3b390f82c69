import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import type { AuthScheme } from "./types.js";

/** Twilio's default when a spec says nothing: HTTP Basic with the account SID (or an API key). */
const DEFAULT_SECURITY: AuthScheme[] = ["basic"];

/**
 * The schemes an operation accepts: its own `security`, else the document's, each requirement
 * mapped to what the runtime can send. `security: []` (or an empty requirement) means no
 * authentication; alternatives the runtime cannot send (API keys in a query) are left out.
 */
export function operationSecurity(
  context: SpecContext,
  operation: Record<string, unknown>,
  pointer: Pointer,
): AuthScheme[] {
  const [requirements, at] =
    operation.security !== undefined
      ? [operation.security, [...pointer, "security"]]
      : [context.spec.document.security, ["security"]];
  if (requirements === undefined) return DEFAULT_SECURITY;
  if (!Array.isArray(requirements))
    context.fail(
      at,
      "`security` must be a list of requirements",
      "write it as a YAML list, e.g. `- accountSid_authToken: []`",
    );
  if (requirements.length === 0) return ["none"];
  const schemes = requirements.map((requirement, index) => requirementScheme(context, requirement, [...at, index]));
  const usable = [...new Set(schemes.filter((scheme) => scheme !== undefined))];
  if (usable.length === 0)
    context.fail(
      at,
      "none of the operation's security requirements is HTTP Basic, a bearer token or OAuth 2",
      "declare one of those schemes under components.securitySchemes and require it here",
    );
  return usable;
}

function requirementScheme(context: SpecContext, requirement: unknown, pointer: Pointer): AuthScheme | undefined {
  if (!isRecord(requirement))
    context.fail(pointer, "a security requirement must be a mapping", "write it as `- schemeName: []`");
  const names = Object.keys(requirement);
  if (names.length === 0) return "none";
  // All schemes of one requirement must be sent together; the runtime sends one Authorization header.
  if (names.length > 1) return undefined;
  const scheme = context.spec.document.components?.securitySchemes?.[names[0]!];
  if (scheme === undefined)
    context.fail(
      pointer,
      `security scheme ${names[0]} is not declared`,
      `declare ${names[0]} under components.securitySchemes, or correct the name`,
    );
  return schemeKind(context.resolve(scheme, ["components", "securitySchemes", names[0]!]));
}

function schemeKind(scheme: Record<string, unknown>): AuthScheme | undefined {
  const httpScheme = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
  if (scheme.type === "http" && httpScheme === "basic") return "basic";
  if (scheme.type === "http" && httpScheme === "bearer") return "bearer";
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return "bearer";
  return undefined;
}
