/**
 * The package entries export a deliberate list (runtime/public.ts beside the entry's own client):
 * what users call and the types of public signatures, never runtime internals such as
 * `operationRequest` or `backoffDelay`. Read with the TypeScript checker from the committed SDK.
 */
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
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
  "HostLabel",
  "HttpMethod",
  "InvalidIfMatchError",
  "MissingETagError",
  "MountedList",
  "MutateOptions",
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
  "RequestTimeoutError",
  "ResourceHandle",
  "ResourceInstance",
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
    expect(root).toEqual(["Twilio", ...RUNTIME_PUBLIC, ...ROOT_HELPERS].sort());
  });

  it("a service entry: its own client and the same runtime API", () => {
    expect(service).toEqual(["Taskrouter", ...RUNTIME_PUBLIC].sort());
    for (const helper of ROOT_HELPERS) expect(service).not.toContain(helper);
    for (const internal of ["operationRequest", "expandPath", "backoffDelay", "retryOnConflict", "mountList"]) {
      expect(service).not.toContain(internal);
    }
  });
});
