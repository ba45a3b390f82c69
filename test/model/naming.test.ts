import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { camelCase, pascalCase, singular, snakeCase } from "../../generator/util/caseNames.js";
import { fileNameParts, splitVersion, versionKey } from "../../generator/model/buildModel.js";
import { RESERVED_MEMBERS } from "../../generator/plan/names.js";
import { operationKind } from "../../generator/model/operations.js";

describe("naming rules", () => {
  it.each([
    ["PageSize", "pageSize"],
    ["StartTime<", "startTimeBefore"],
    ["DateCreated>", "dateCreatedAfter"],
    ["If-Match", "ifMatch"],
    ["X-Twilio-Webhook-Enabled", "xTwilioWebhookEnabled"],
    ["account_sid", "accountSid"],
    ["friendlyName", "friendlyName"],
    ["SIMCard", "simCard"],
    ["2fa", "_2fa"],
  ])("camelCase(%s) = %s", (given, want) => expect(camelCase(given)).toBe(want));

  it.each([
    ["available_phone_number_country", "AvailablePhoneNumberCountry"],
    ["get_api_keys", "GetApiKeys"],
    ["flex-api", "FlexApi"],
    ["v1", "V1"],
  ])("pascalCase(%s) = %s", (given, want) => expect(pascalCase(given)).toBe(want));

  it.each([
    ["TaskReservation", "task_reservation"],
    ["flexApi", "flex_api"],
    ["v2010", "v2010"],
  ])("snakeCase(%s) = %s", (given, want) => expect(snakeCase(given)).toBe(want));

  it.each([
    ["Workspaces", "Workspace"],
    ["Activities", "Activity"],
    ["Addresses", "Address"],
    ["Statuses", "Status"],
    ["Boxes", "Box"],
    ["Media", "Media"],
    ["Usage", "Usage"],
    ["DocumentPermissions", "DocumentPermission"],
    ["Status", "Status"],
  ])("singular(%s) = %s", (given, want) => expect(singular(given)).toBe(want));

  it.each([
    // given a version as a path or a file name spells it → want the key its spellings meet under
    ["v1", "v1"],
    ["V1", "v1"],
    ["2010-04-01", "v2010"],
    ["v2010", "v2010"],
    ["HostedNumbers", "hosted_numbers"],
    ["hosted_numbers", "hosted_numbers"],
    ["organizations", "organizations"],
    ["---", ""],
  ])("versionKey(%s) = %s", (given, want) => expect(versionKey(given)).toBe(want));

  it.each([
    ["CreateTask", "create"],
    ["FetchTask", "fetch"],
    ["UpdateTask", "update"],
    ["PatchOrganizationUser", "patch"],
    ["DeleteTask", "remove"],
    ["ListTask", "page"],
    ["SendTask", undefined],
  ])("operationKind(%s) = %s", (given, want) => expect(operationKind(given)).toBe(want));

  it.each([
    ["twilio_sync_v1", { domain: "sync", version: "v1" }],
    ["twilio_ip_messaging_v2", { domain: "ip_messaging", version: "v2" }],
    ["twilio_iam_organizations", { domain: "iam", version: "organizations" }],
    ["twilio_preview", { domain: "preview" }],
  ])("fileNameParts(%s)", (given, want) => expect(fileNameParts(given)).toEqual(want));

  it.each([
    [
      "/v1/Services/{ServiceSid}/Documents",
      "v1",
      { version: "v1", segments: ["Services", "{ServiceSid}", "Documents"] },
    ],
    [
      "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
      "v2010",
      { version: "2010-04-01", segments: ["Accounts", "{AccountSid}", "Calls", "{Sid}"] },
    ],
    [
      "/HostedNumbers/AuthorizationDocuments",
      undefined,
      { version: "HostedNumbers", segments: ["AuthorizationDocuments"] },
    ],
    [
      "/Organizations/{OrganizationSid}/Accounts",
      "organizations",
      { version: "organizations", segments: ["Organizations", "{OrganizationSid}", "Accounts"] },
    ],
  ])("splitVersion(%s)", (path, fileVersion, want) => expect(splitVersion(path, fileVersion)).toEqual(want));
});

describe("renaming rules for names the SDK declares itself (docs/naming.md)", () => {
  it("reserves every member of ResourceInstance (runtime/instance.ts) on instances", () => {
    const source = ts.createSourceFile(
      "instance.ts",
      readFileSync("runtime/instance.ts", "utf8"),
      ts.ScriptTarget.ES2022,
    );
    const members: string[] = [];
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node)) return;
      for (const member of node.members) {
        if (member.name && ts.isIdentifier(member.name)) members.push(member.name.text);
      }
    });
    expect(members).toEqual(expect.arrayContaining(["headers", "raw", "etag", "toJSON", "keyField"]));
    expect(members.filter((name) => !RESERVED_MEMBERS.instance.has(name))).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => !RESERVED_MEMBERS.instance.has(name))).toEqual(
      [],
    );
  });
});
