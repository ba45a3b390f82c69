/**
 * The package entries export a deliberate list (runtime/public.ts beside the entry's own client):
 * what users call and the types of public signatures, never runtime internals such as
 * `operationRequest` or `backoffDelay`. Read with the TypeScript checker from the committed SDK.
 */
import { join } from "node:path";
import ts from "typescript";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import twilio, { Twilio } from "../fixtures/generated/index.js";
import { REPO_ROOT } from "../support/corpus.js";

const RUNTIME_PUBLIC = [
  "ApiClient",
  "ApiRequest",
  "ApiResponse",
  "AuthScheme",
  "CamelCased",
  "ClientOptions",
  "ComputeChanges",
  "ConnectionError",
  "ContextualInstance",
  "HookError",
  "HostLabel",
  "HttpMethod",
  "IntegerKey",
  "InvalidIfMatchError",
  "LogLevel",
  "Logger",
  "MissingETagError",
  "MountedList",
  "MountedSingleton",
  "MutateOptions",
  "NoCallback",
  "OptionsArgument",
  "Page",
  "PageInit",
  "PagedList",
  "Pagination",
  "ParsedDate",
  "PathParams",
  "PreconditionFailedException",
  "PreconditionRequiredException",
  "ReadObject",
  "ReadObjects",
  "RefusedPageLinkError",
  "RepeatedPageLinkError",
  "RequestDetails",
  "RequestTimeoutError",
  "ResourceHandle",
  "ResourceInstance",
  "ResponseDetails",
  "ResponseTooLargeError",
  "RestException",
  "RestExceptionInit",
  "SdkDescription",
  "TooManyPagesError",
  "UnexpectedResponseError",
  "UnexpectedResponseInit",
];

/** What the root entry adds: twilio-node's helpers under its names (runtime/rootHelpers.ts). */
const ROOT_HELPERS = [
  "ExpressLikeRequest",
  "ExpressLikeResponse",
  "HMAC_SHA1",
  "HMAC_SHA256",
  "RequestValidatorOptions",
  "SIGNATURE_HEADER",
  "SIGNATURE_SETTINGS_HEADER",
  "ValidateWebhookOptions",
  "WebhookOptions",
  "WebhookParams",
  "getExpectedBodyHash",
  "getExpectedTwilioSignature",
  "getSignatureAlgorithm",
  "jwt",
  "twiml",
  "validateBody",
  "validateExpressRequest",
  "validateIncomingRequest",
  "validateRequest",
  "validateRequestWithBody",
  "validateWebhook",
  "webhook",
];

/** The names each module exports, as a user's `import { ... }` can name them. */
function exportedNames(files: string[]): string[][] {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    noResolve: false,
    types: [],
  });
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    return checker
      .getExportsOfModule(symbol)
      .map((exported) => exported.getName())
      .sort();
  });
}

describe("the SDK's public exports", () => {
  const [root, service] = exportedNames([
    join(REPO_ROOT, "generated/index.ts"),
    join(REPO_ROOT, "generated/taskrouter/index.ts"),
  ]);

  it("the root entry: the Twilio client, the runtime's public API and twilio-node's helpers, no internals", () => {
    expect(root).toEqual(["Twilio", "default", ...RUNTIME_PUBLIC, ...ROOT_HELPERS].sort());
  });

  it("a service entry: its own client and the same runtime API", () => {
    expect(service).toEqual(["Taskrouter", ...RUNTIME_PUBLIC].sort());
    for (const helper of ROOT_HELPERS) expect(service).not.toContain(helper);
    for (const internal of [
      "operationRequest",
      "expandPath",
      "backoffDelay",
      "retryOnConflict",
      "mountList",
      "mountSingleton",
      "checkOptions",
    ]) {
      expect(service).not.toContain(internal);
    }
  });
});

/** twilio-node's default export members this SDK has no counterpart for: see the migration guide. */
const NOT_CARRIED = [
  "ClientCredentialProviderBuilder",
  "NoAuthCredentialProvider",
  "OrgsCredentialProviderBuilder",
  "RequestClient",
];

describe("the root's default export, as twilio-node's", () => {
  const twilioNode = createRequire(import.meta.url)("twilio") as Record<string, unknown>;

  it("makes a client from twilio-node's arguments: twilio(accountSid, authToken, options?)", async () => {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return Response.json({ sid: "ST1" });
    };
    const client = twilio("AC00000000000000000000000000000001", "token", { fetch });
    expect(client).toBeInstanceOf(Twilio);
    expect((await client.documents.v2.stores("ST1").fetch()).sid).toBe("ST1");
    expect(requests[0]!.headers.get("authorization")).toBe(`Basic ${btoa("AC00000000000000000000000000000001:token")}`);
  });

  it("carries every helper twilio-node's carries, under the same names, but the ones the guide names", () => {
    const ours = Object.keys(twilio);
    const theirs = Object.keys(twilioNode).filter((name) => !NOT_CARRIED.includes(name));
    expect(theirs.filter((name) => !ours.includes(name))).toEqual([]);
    expect(twilio.Twilio).toBe(Twilio);
    expect(typeof twilio.twiml.VoiceResponse).toBe("function");
    expect(typeof twilio.jwt.AccessToken).toBe("function");
    expect(twilio.validateRequest("token", "sig", "https://example.com", {})).toBe(false);
  });
});
