/** How an operation's `security` and its header parameters become the model's schemes, Accept and options. */
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/load/loadSpec.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import type { OperationModel } from "../../generator/model/types.js";

const SCHEMES = {
  accountSid_authToken: { type: "http", scheme: "basic" },
  oAuth2ClientCredentials: {
    type: "oauth2",
    flows: { clientCredentials: { tokenUrl: "https://things.twilio.com/v1/token", scopes: {} } },
  },
  jwt: { type: "http", scheme: "Bearer", bearerFormat: "JWT" },
  oidc: { type: "openIdConnect", openIdConnectUrl: "https://things.twilio.com/.well-known/openid-configuration" },
  queryKey: { type: "apiKey", in: "query", name: "key" },
};

/** One spec with one operation, `POST /v1/Things` (CreateThing), shaped by `document` and `operation`. */
async function createThing(
  document: Record<string, unknown> = {},
  operation: Record<string, unknown> = {},
): Promise<OperationModel> {
  const spec = {
    openapi: "3.0.1",
    info: { title: "Things", version: "1.0.0" },
    servers: [{ url: "https://things.twilio.com" }],
    components: { securitySchemes: SCHEMES },
    ...document,
    paths: {
      "/v1/Things": {
        "x-twilio": { className: "thing" },
        post: {
          operationId: "CreateThing",
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } },
          },
          ...operation,
        },
      },
    },
  };
  const [loaded] = await loadSpecs([{ file: "twilio_things_v1.json", text: JSON.stringify(spec) }]);
  const model = buildSpecModel(loaded!);
  return model.versions[0]!.resources[0]!.listOperations[0]!;
}

describe("security of an operation", () => {
  it.each([
    // given the document's security, the operation's → want the schemes, in the spec's order
    ["no security anywhere: Twilio's default", undefined, undefined, ["basic"]],
    ["the document's Basic", [{ accountSid_authToken: [] }], undefined, ["basic"]],
    ["the operation's own wins", [{ accountSid_authToken: [] }], [{ oAuth2ClientCredentials: [] }], ["bearer"]],
    [
      "alternatives keep their order",
      undefined,
      [{ oAuth2ClientCredentials: [] }, { accountSid_authToken: [] }],
      ["bearer", "basic"],
    ],
    ["`security: []` turns authentication off", [{ accountSid_authToken: [] }], [], ["none"]],
    ["an empty requirement makes it optional", undefined, [{ jwt: [] }, {}], ["bearer", "none"]],
    ["http bearer, any case", undefined, [{ jwt: [] }], ["bearer"]],
    ["OpenID Connect sends a bearer token", undefined, [{ oidc: [] }], ["bearer"]],
    ["repeated kinds collapse", undefined, [{ jwt: [] }, { oAuth2ClientCredentials: [] }], ["bearer"]],
    ["a query API key is skipped", undefined, [{ queryKey: [] }, { accountSid_authToken: [] }], ["basic"]],
    [
      "two schemes at once are skipped",
      undefined,
      [{ jwt: [], accountSid_authToken: [] }, { accountSid_authToken: [] }],
      ["basic"],
    ],
  ])("%s", async (_, documentSecurity, operationSecurity, want) => {
    const operation = await createThing(
      documentSecurity === undefined ? {} : { security: documentSecurity },
      operationSecurity === undefined ? {} : { security: operationSecurity },
    );
    expect(operation.security).toEqual(want);
  });

  it.each([
    // given the operation's security → want the error's problem and fix
    [
      [{ apiKeyAuth: [] }],
      "security scheme apiKeyAuth is not declared",
      "declare apiKeyAuth under components.securitySchemes",
    ],
    [[{ queryKey: [] }], "none of the operation's security requirements is HTTP Basic", "declare one of those schemes"],
    [{ accountSid_authToken: [] }, "`security` must be a list of requirements", "write it as a YAML list"],
    [["accountSid_authToken"], "a security requirement must be a mapping", "write it as `- schemeName: []`"],
  ])("rejects %j, naming the place and the fix", async (security, problem, fix) => {
    const failure = createThing({}, { security });
    await expect(failure).rejects.toThrow(problem);
    await expect(failure).rejects.toThrow(fix);
    // The spec is JSON: the place is a JSON pointer.
    await expect(failure).rejects.toThrow("(at /paths/~1v1~1Things/post/security");
  });
});

describe("headers the spec declares but the client decides", () => {
  it("drops Authorization, Accept and Content-Type header parameters, keeps the rest", async () => {
    const header = (name: string) => ({ name, in: "header", schema: { type: "string" } });
    const operation = await createThing(
      {},
      { parameters: ["Authorization", "accept", "Content-Type", "If-Match", "X-Twilio-Webhook-Enabled"].map(header) },
    );
    expect(operation.options.map((option) => option.wireName)).toEqual(["If-Match", "X-Twilio-Webhook-Enabled"]);
  });

  it("lists every response media type, the success response's first", async () => {
    const content = (...types: string[]) =>
      Object.fromEntries(types.map((type) => [type, { schema: { type: "object" } }]));
    const operation = await createThing(
      {},
      {
        responses: {
          "400": { description: "Bad", content: content("application/json") },
          "201": { description: "Created", content: content("application/scim+json", "application/json") },
          "204": { description: "None" },
        },
      },
    );
    expect(operation.responseTypes).toEqual(["application/scim+json", "application/json"]);
  });
});
