/**
 * The oracle matrix: one call per row, written once for each SDK with the same arguments. Every
 * service that twilio-node and our SDK share has at least one row; `styles` names the parameter
 * styles a row exercises, and the test checks that every style is covered.
 */
import type { Twilio as TwilioNode } from "twilio";

export const PARAMETER_STYLES = [
  "string",
  "number",
  "boolean",
  "array",
  "date",
  "date-time",
  "inequality",
  "prefixed-collapsible-map",
  "object in a form",
  "json body",
  "header If-Match",
  "header X-Twilio-Webhook-Enabled",
  "path only",
] as const;
export type ParameterStyle = (typeof PARAMETER_STYLES)[number];

export interface OracleCase {
  /** Unique; the known-differences file refers to rows by it. */
  name: string;
  /** Our domain property (twilio-node's may differ: `flexApi` is both). */
  service: string;
  styles: ParameterStyle[];
  ours: (twilio: any) => Promise<unknown>;
  theirs: (twilio: TwilioNode) => Promise<unknown>;
  /**
   * The response: a resource synthesized from this spec's component schema (its fields are then
   * compared as read through both SDKs), or a page of no items under `items`; `{}` otherwise.
   */
  resource?: { spec: string; schema: string };
  page?: string;
  /** The answer's status: 200 when absent (with `resource`), else an empty answer of this status. */
  status?: number;
}

const sid = (prefix: string) => `${prefix}0123456789abcdef0123456789abcdef`;
const DAY = new Date("2024-01-02T00:00:00Z");
const INSTANT = new Date("2024-01-02T03:04:05Z");
const LATER = new Date("2024-02-03T23:59:59Z");

/** Rows whose call is the same text in both SDKs (after `twilio.`): the argument list is shared. */
function same(row: Omit<OracleCase, "ours" | "theirs">, call: (twilio: any) => Promise<unknown>): OracleCase {
  return { ...row, ours: call, theirs: call };
}

export const ORACLE_CASES: OracleCase[] = [
  // api v2010: the default account, its root shortcuts, RFC 2822 dates
  same(
    {
      name: "api: create a Message",
      service: "api",
      styles: ["string", "number", "boolean", "array", "date-time"],
      resource: { spec: "twilio_api_v2010.yaml", schema: "api.v2010.account.message" },
    },
    (twilio) =>
      twilio.api.v2010.account.messages.create({
        to: "+15551234567",
        from: "+15557654321",
        body: "Hello & good-bye: 100% =)",
        mediaUrl: ["https://example.com/a.png", "https://example.com/b c.png"],
        maxPrice: 0.75,
        provideFeedback: true,
        validityPeriod: 600,
        sendAt: INSTANT,
        scheduleType: "fixed",
      }),
  ),
  same(
    {
      name: "api: page Messages sent in a range",
      service: "api",
      styles: ["inequality", "date-time", "number"],
      page: "messages",
    },
    (twilio) =>
      twilio.api.v2010
        .accounts(sid("AC"))
        .messages.page({ dateSentAfter: INSTANT, dateSentBefore: LATER, pageSize: 20 }),
  ),
  same(
    {
      name: "api: fetch a Message through the root shortcut",
      service: "api",
      styles: ["path only"],
      resource: { spec: "twilio_api_v2010.yaml", schema: "api.v2010.account.message" },
    },
    (twilio) => twilio.messages(sid("SM")).fetch(),
  ),
  same(
    { name: "api: remove a Call through the root shortcut", service: "api", styles: ["path only"], status: 204 },
    (twilio) => twilio.calls(sid("CA")).remove(),
  ),
  same(
    {
      name: "api: page usage Records for a range of days",
      service: "api",
      styles: ["date", "boolean", "string"],
      page: "usage_records",
    },
    (twilio) =>
      twilio.api.v2010.account.usage.records.page({
        category: "calls",
        startDate: DAY,
        endDate: LATER,
        includeSubaccounts: false,
      }),
  ),
  same(
    {
      name: "api: page a Call's Recordings created after a day",
      service: "api",
      styles: ["inequality", "date"],
      page: "recordings",
    },
    (twilio) =>
      twilio.api.v2010.account.calls(sid("CA")).recordings.page({ dateCreatedAfter: DAY, dateCreated: "2024-01-05" }),
  ),
  same(
    {
      name: "api: create a Call with status callback events",
      service: "api",
      styles: ["array", "number", "boolean", "string"],
      resource: { spec: "twilio_api_v2010.yaml", schema: "api.v2010.account.call" },
    },
    (twilio) =>
      twilio.calls.create({
        to: "+15551234567",
        from: "+15557654321",
        url: "https://example.com/twiml?a=1&b=2",
        statusCallbackEvent: ["initiated", "ringing"],
        timeout: 30,
        record: true,
      }),
  ),
  // lookups
  same(
    {
      name: "lookups v1: fetch a PhoneNumber with add-ons and their data",
      service: "lookups",
      styles: ["prefixed-collapsible-map", "array", "string"],
    },
    (twilio) =>
      twilio.lookups.v1.phoneNumbers("+15551234567").fetch({
        countryCode: "US",
        type: ["carrier", "caller-name"],
        addOns: ["payfone_tcpa_compliance"],
        addOnsData: { payfone_tcpa_compliance: { RightPartyContactedDate: "20160101", Flags: ["a", "b"] } },
      }),
  ),
  same({ name: "lookups v2: fetch a PhoneNumber with fields", service: "lookups", styles: ["string"] }, (twilio) =>
    twilio.lookups.v2.phoneNumbers("+15551234567").fetch({ fields: "line_type_intelligence", countryCode: "US" }),
  ),
  // taskrouter: If-Match on a form write, ISO 8601 dates
  same(
    {
      name: "taskrouter: update a Task with If-Match",
      service: "taskrouter",
      styles: ["header If-Match", "number", "string"],
      resource: { spec: "twilio_taskrouter_v1.yaml", schema: "taskrouter.v1.workspace.task" },
    },
    (twilio) =>
      twilio.taskrouter.v1
        .workspaces(sid("WS"))
        .tasks(sid("WT"))
        .update({ ifMatch: '"3"', priority: 5, attributes: '{"type":"support"}', reason: "done" }),
  ),
  same(
    {
      name: "taskrouter: page Tasks by statuses",
      service: "taskrouter",
      styles: ["array", "boolean", "string"],
      page: "tasks",
    },
    (twilio) =>
      twilio.taskrouter.v1.workspaces(sid("WS")).tasks.page({
        assignmentStatus: ["pending", "reserved"],
        hasAddons: true,
        ordering: "DateCreated:asc,Priority:desc",
      }),
  ),
  // conversations: X-Twilio-Webhook-Enabled
  {
    name: "conversations: create a Conversation without webhooks",
    service: "conversations",
    styles: ["header X-Twilio-Webhook-Enabled", "date-time", "string"],
    resource: { spec: "twilio_conversations_v1.yaml", schema: "conversations.v1.conversation" },
    ours: (twilio) =>
      twilio.conversations.v1.conversations.create({
        xTwilioWebhookEnabled: "true",
        friendlyName: "Support",
        dateCreated: INSTANT,
        timersInactive: "PT1M",
      }),
    // twilio-node names the option after the wire name's dot: `timers.inactive`.
    theirs: (twilio) =>
      twilio.conversations.v1.conversations.create({
        xTwilioWebhookEnabled: "true",
        friendlyName: "Support",
        dateCreated: INSTANT,
        "timers.inactive": "PT1M",
      } as any),
  },
  // JSON bodies
  {
    name: "content: create a Content (JSON body)",
    service: "content",
    styles: ["json body"],
    ours: (twilio) => twilio.content.v1.contents.create({ body: CONTENT }),
    theirs: (twilio) => twilio.content.v1.contents.create(CONTENT as any),
  },
  {
    name: "previewIam: update a SCIM User with If-Match (JSON body)",
    service: "previewIam",
    styles: ["json body", "header If-Match"],
    ours: (twilio) =>
      twilio.previewIam.organizations
        .organizations(sid("OR"))
        .scim.users(sid("US"))
        .update({ ifMatch: '"5"', body: SCIM_USER }),
    // twilio-node has no ifMatch option here: update(body, headers?) sends the body as it is.
    theirs: (twilio) =>
      twilio.previewIam
        .organization(sid("OR"))
        .users(sid("US"))
        .update(SCIM_USER as any),
  },
  // sync: If-Match with an object in a form
  same(
    {
      name: "sync: update a Document with If-Match",
      service: "sync",
      styles: ["header If-Match", "object in a form", "number"],
      resource: { spec: "twilio_sync_v1.yaml", schema: "sync.v1.service.document" },
    },
    (twilio) =>
      twilio.sync.v1
        .services(sid("IS"))
        .documents("settings")
        .update({ ifMatch: '"7"', data: { theme: "dark", size: 3, tags: ["a"] }, ttl: 3600 }),
  ),
  // one row (at least) for every other service both SDKs offer
  {
    name: "accounts: create an AWS Credential",
    service: "accounts",
    styles: ["string", "boolean"],
    ours: (twilio) =>
      twilio.accounts.v1.credentials.aws.create({
        credentials: "AKIA:secret",
        friendlyName: "aws",
        accountSid: sid("AC"),
      }),
    theirs: (twilio) =>
      twilio.accounts.v1.credentials.aws.create({
        credentials: "AKIA:secret",
        friendlyName: "aws",
        accountSid: sid("AC"),
      }),
  },
  same(
    { name: "bulkexports: page the Days of an export", service: "bulkexports", styles: ["path only"], page: "days" },
    (twilio) => twilio.bulkexports.v1.exports("Messages").days.page(),
  ),
  same(
    {
      name: "bulkexports: fetch a Day, answered by a 307 whose JSON body is the result",
      service: "bulkexports",
      styles: ["path only"],
      resource: { spec: "twilio_bulkexports_v1.yaml", schema: "bulkexports.v1.export.day-instance" },
      status: 307,
    },
    (twilio) => twilio.bulkexports.v1.exports("Messages").days("2024-01-02").fetch(),
  ),
  same({ name: "chat: page Channels by types", service: "chat", styles: ["array"], page: "channels" }, (twilio) =>
    twilio.chat.v2.services(sid("IS")).channels.page({ type: ["public", "private"] }),
  ),
  same({ name: "events: create a Sink", service: "events", styles: ["object in a form", "string"] }, (twilio) =>
    twilio.events.v1.sinks.create({
      description: "stream",
      sinkConfiguration: { arn: "arn:aws:kinesis:us-east-1:1:stream/x", role_arn: "arn:aws:iam::1:role/x" },
      sinkType: "kinesis",
    }),
  ),
  same(
    { name: "flexApi: page FlexFlows by name", service: "flexApi", styles: ["string"], page: "flex_flows" },
    (twilio) => twilio.flexApi.v1.flexFlow.page({ friendlyName: "Flow & co" }),
  ),
  same({ name: "frontlineApi: update a User", service: "frontlineApi", styles: ["string", "boolean"] }, (twilio) =>
    twilio.frontlineApi.v1.users(sid("US")).update({ friendlyName: "Ada", state: "active", isAvailable: false }),
  ),
  same(
    { name: "iam: update an API Key with a policy", service: "iam", styles: ["object in a form", "string"] },
    (twilio) => twilio.iam.v1.apiKey(sid("SK")).update({ friendlyName: "ci", policy: { allow: ["/twilio/*"] } }),
  ),
  same(
    { name: "insights: page Conferences created after", service: "insights", styles: ["string"], page: "conferences" },
    (twilio) =>
      twilio.insights.v1.conferences.page({ createdAfter: "2024-01-02T03:04:05Z", tags: "invalid_requested_region" }),
  ),
  same(
    {
      name: "intelligence: update a Service with If-Match",
      service: "intelligence",
      styles: ["header If-Match", "boolean", "string"],
      resource: { spec: "twilio_intelligence_v2.yaml", schema: "intelligence.v2.service" },
    },
    (twilio) =>
      twilio.intelligence.v2
        .services(sid("GA"))
        .update({ ifMatch: 'W/"9"', autoRedaction: true, friendlyName: "calls" }),
  ),
  same(
    { name: "ipMessaging: page a Service's Users", service: "ipMessaging", styles: ["number"], page: "users" },
    (twilio) => twilio.ipMessaging.v2.services(sid("IS")).users.page({ pageSize: 5 }),
  ),
  same(
    {
      name: "marketplace: page available Add-ons",
      service: "marketplace",
      styles: ["path only"],
      page: "available_add_ons",
    },
    (twilio) => twilio.marketplace.v1.availableAddOns.page(),
  ),
  {
    name: "messaging: fetch the Deactivations of a day",
    service: "messaging",
    styles: ["date"],
    ours: (twilio) => twilio.messaging.v1.deactivations.fetch({ date: DAY }),
    theirs: (twilio) => twilio.messaging.v1.deactivations().fetch({ date: DAY }),
  },
  same(
    { name: "monitor: page Alerts in a range", service: "monitor", styles: ["date-time", "string"], page: "alerts" },
    (twilio) => twilio.monitor.v1.alerts.page({ logLevel: "error", startDate: INSTANT, endDate: LATER }),
  ),
  same(
    {
      name: "notify: page Bindings for days, identities and tags",
      service: "notify",
      styles: ["date", "array"],
      page: "bindings",
    },
    (twilio) =>
      twilio.notify.v1
        .services(sid("IS"))
        .bindings.page({ startDate: DAY, endDate: "2024-02-03", identity: ["ada", "bob"], tag: ["vip"] }),
  ),
  same(
    {
      name: "numbers: page regulatory Bundles valid until after",
      service: "numbers",
      styles: ["inequality", "date-time", "boolean", "string"],
      page: "results",
    },
    (twilio) =>
      twilio.numbers.v2.regulatoryCompliance.bundles.page({
        status: "draft",
        hasValidUntilDate: true,
        validUntilDateAfter: INSTANT,
        sortBy: "valid-until",
        sortDirection: "ASC",
      }),
  ),
  same({ name: "oauth: create a Token", service: "oauth", styles: ["string"] }, (twilio) =>
    twilio.oauth.v1.token.create({ grantType: "client_credentials", clientId: "id", clientSecret: "s3cr=t&" }),
  ),
  same(
    { name: "preview: page wireless Sims by status", service: "preview", styles: ["string"], page: "sims" },
    (twilio) => twilio.preview.wireless.sims.page({ status: "active", iccid: "8901" }),
  ),
  same({ name: "pricing: fetch a voice Number price", service: "pricing", styles: ["string"] }, (twilio) =>
    twilio.pricing.v2.voice.numbers("+15551234567").fetch({ originationNumber: "+15557654321" }),
  ),
  same({ name: "proxy: create a Session", service: "proxy", styles: ["date-time", "number", "string"] }, (twilio) =>
    twilio.proxy.v1
      .services(sid("KS"))
      .sessions.create({ uniqueName: "order-1", dateExpiry: INSTANT, ttl: 60, mode: "message-only" }),
  ),
  same({ name: "routes: update a PhoneNumber's region", service: "routes", styles: ["string"] }, (twilio) =>
    twilio.routes.v2.phoneNumbers("+15551234567").update({ voiceRegion: "au1", friendlyName: "AU" }),
  ),
  same(
    { name: "serverless: page a Service's Functions", service: "serverless", styles: ["path only"], page: "functions" },
    (twilio) => twilio.serverless.v1.services(sid("ZS")).functions.page(),
  ),
  same({ name: "studio: create a Flow", service: "studio", styles: ["object in a form", "string"] }, (twilio) =>
    twilio.studio.v2.flows.create({
      friendlyName: "IVR",
      status: "draft",
      definition: { states: [], initial_state: "Trigger" },
    }),
  ),
  same(
    {
      name: "supersim: page UsageRecords in a range",
      service: "supersim",
      styles: ["date-time", "string"],
      page: "usage_records",
    },
    (twilio) =>
      twilio.supersim.v1.usageRecords.page({ granularity: "day", startTime: INSTANT, endTime: LATER, group: "sim" }),
  ),
  same({ name: "trunking: update a Trunk", service: "trunking", styles: ["boolean", "string"] }, (twilio) =>
    twilio.trunking.v1
      .trunks(sid("TK"))
      .update({ friendlyName: "main", secure: true, cnamLookupEnabled: false, transferMode: "enable-all" }),
  ),
  same({ name: "trusthub: create an EndUser", service: "trusthub", styles: ["object in a form", "string"] }, (twilio) =>
    twilio.trusthub.v1.endUsers.create({ friendlyName: "Ada", type: "individual", attributes: { first_name: "Ada" } }),
  ),
  same(
    {
      name: "verify: create a Service",
      service: "verify",
      styles: ["number", "boolean", "string"],
      resource: { spec: "twilio_verify_v2.yaml", schema: "verify.v2.service" },
    },
    (twilio) =>
      twilio.verify.v2.services.create({
        friendlyName: "Login",
        codeLength: 6,
        lookupEnabled: true,
        doNotShareWarningEnabled: false,
      }),
  ),
  same(
    {
      name: "video: page Rooms created in a range",
      service: "video",
      styles: ["inequality", "date-time", "string"],
      page: "rooms",
    },
    (twilio) =>
      twilio.video.v1.rooms.page({
        status: "completed",
        uniqueName: "daily",
        dateCreatedAfter: INSTANT,
        dateCreatedBefore: LATER,
      }),
  ),
  same(
    {
      name: "voice: page dialing-permission Countries",
      service: "voice",
      styles: ["boolean", "string"],
      page: "content",
    },
    (twilio) =>
      twilio.voice.v1.dialingPermissions.countries.page({
        isoCode: "US",
        continent: "NA",
        lowRiskNumbersEnabled: true,
      }),
  ),
  same(
    {
      name: "wireless: page UsageRecords in a range",
      service: "wireless",
      styles: ["date-time", "string"],
      page: "usage_records",
    },
    (twilio) => twilio.wireless.v1.usageRecords.page({ end: LATER, start: INSTANT, granularity: "daily" }),
  ),
];

const CONTENT = {
  friendly_name: "order_update",
  language: "en",
  variables: { "1": "name" },
  types: { "twilio/text": { body: "Hi {{1}}" } },
};

const SCIM_USER = {
  userName: "ada@example.com",
  displayName: "Ada",
  active: true,
  emails: [{ value: "ada@example.com", primary: true }],
};
