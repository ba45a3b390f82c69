/**
 * The operations of the pinned release whose answer from the double does not fit the spec's
 * response schema, each group with the reviewed reason: the spec contradicting its own examples,
 * or a gap of the double still to close. The conformance test fails when an operation outside this
 * list does not conform, when a listed one fails for another reason, and when a listed one
 * conforms (then it leaves the list).
 */
export interface KnownNonconformance {
  reason: string;
  /** What the validator says, for every operation of the group. */
  problem: RegExp;
  /** `<spec> <METHOD> <path>`. */
  operations: readonly string[];
}

export const KNOWN_NONCONFORMANT: readonly KnownNonconformance[] = [
  {
    reason:
      "The spec contradicts its own examples: api v2010 declares `uri`, `first_page_uri`, `next_page_uri` and `previous_page_uri` as `format: uri` (an absolute URI, RFC 3986), while Twilio answers, and the spec's examples show, paths relative to the host (`/2010-04-01/Accounts.json?PageSize=50&Page=0`). The double answers as Twilio does.",
    problem: /must match format "uri"/,
    operations: [
      "twilio_api_v2010 GET /2010-04-01/Accounts.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Addresses.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Addresses/{AddressSid}/DependentPhoneNumbers.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Applications.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Local.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/MachineToMachine.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Mobile.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/National.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/SharedCost.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/TollFree.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Voip.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Calls.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Events.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Notifications.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Conferences.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Recordings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/ConnectApps.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Local.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Mobile.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns/{AssignedAddOnSid}/Extensions.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Keys.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Messages.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Notifications.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Queues.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Queues/{QueueSid}/Members.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Recordings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}/Transcriptions.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Recordings/{ReferenceSid}/AddOnResults.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Recordings/{ReferenceSid}/AddOnResults/{AddOnResultSid}/Payloads.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists/{CredentialListSid}/Credentials.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/CredentialListMappings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/IpAccessControlListMappings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Registrations/CredentialListMappings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/CredentialListMappings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/IpAccessControlListMappings.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/IpAccessControlLists.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SIP/IpAccessControlLists/{IpAccessControlListSid}/IpAddresses.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SMS/ShortCodes.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/SigningKeys.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Transcriptions.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/AllTime.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Daily.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/LastMonth.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Monthly.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/ThisMonth.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Today.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Yearly.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Yesterday.json",
      "twilio_api_v2010 GET /2010-04-01/Accounts/{AccountSid}/Usage/Triggers.json",
    ],
  },
  {
    reason:
      "Double gap: the Assistants API keys instances by `id` with patterns such as `^aia_asst_.+$`; the generator reads a SID prefix only from `^XX[0-9a-fA-F]{32}$`-shaped patterns, so new ids (and ids filled from them) get no `aia_..._` prefix.",
    problem: /must match pattern "\^aia_/,
    operations: [
      "twilio_assistants_v1 POST /v1/Assistants",
      "twilio_assistants_v1 GET /v1/Assistants/{assistantId}/Knowledge",
      "twilio_assistants_v1 GET /v1/Assistants/{assistantId}/Tools",
      "twilio_assistants_v1 GET /v1/Knowledge",
      "twilio_assistants_v1 POST /v1/Knowledge",
      "twilio_assistants_v1 GET /v1/Sessions",
      "twilio_assistants_v1 GET /v1/Sessions/{id}",
      "twilio_assistants_v1 POST /v1/Tools",
    ],
  },
  {
    reason:
      "Double gap: the answer's schema is a composition (`allOf`) whose required fields the simulated body does not fill.",
    problem: /must have required property/,
    operations: ["twilio_assistants_v1 GET /v1/Assistants/{id}", "twilio_assistants_v1 GET /v1/Tools/{id}"],
  },
  {
    reason:
      "Double gap: a simulated body fills a SID field that no request parameter names with an empty or sampled value that is no SID of the field's pattern.",
    problem: /sid must (NOT have fewer than 34 characters|match pattern)/,
    operations: [
      "twilio_assistants_v1 POST /v1/Assistants/{id}/Feedbacks",
      "twilio_intelligence_v2 GET /v2/Services/{ServiceSid}/Operators",
      "twilio_marketplace_v1 POST /v1/ReferralConversion",
      "twilio_monitor_v2 POST /v2/Alarms",
    ],
  },
  {
    reason:
      "Double gap: Twilio's organizations API uses SCIM-style fields (`externalId`, `emails`, lowercase-hex SIDs such as `US[0-9a-f]{32}`) that the double fills with empty or mixed-case values.",
    problem: /must (match pattern|NOT have fewer than)/,
    operations: [
      "twilio_iam_organizations GET /Organizations/{OrganizationSid}/Accounts",
      "twilio_iam_organizations GET /Organizations/{OrganizationSid}/Accounts/{AccountSid}",
      "twilio_iam_organizations GET /Organizations/{OrganizationSid}/RoleAssignments",
      "twilio_iam_organizations POST /Organizations/{OrganizationSid}/RoleAssignments",
      "twilio_iam_organizations GET /Organizations/{OrganizationSid}/scim/Users",
      "twilio_iam_organizations POST /Organizations/{OrganizationSid}/scim/Users",
      "twilio_iam_organizations GET /Organizations/{OrganizationSid}/scim/Users/{UserSid}",
      "twilio_iam_organizations PUT /Organizations/{OrganizationSid}/scim/Users/{UserSid}",
    ],
  },
  {
    reason:
      "Double gap: the field is an enum by `$ref` beside `nullable: true` (OpenAPI 3.0 ignores siblings of `$ref`, so it is not nullable), and the double fills it with null.",
    problem: /must be string/,
    operations: [
      "twilio_insights_v1 GET /v1/Conferences",
      "twilio_insights_v1 GET /v1/Conferences/{ConferenceSid}",
      "twilio_insights_v1 GET /v1/Conferences/{ConferenceSid}/Participants",
      "twilio_insights_v1 GET /v1/Conferences/{ConferenceSid}/Participants/{ParticipantSid}",
      "twilio_insights_v1 GET /v1/Video/Rooms",
      "twilio_insights_v1 GET /v1/Video/Rooms/{RoomSid}",
      "twilio_insights_v1 GET /v1/Video/Rooms/{RoomSid}/Participants",
      "twilio_insights_v1 GET /v1/Video/Rooms/{RoomSid}/Participants/{ParticipantSid}",
      "twilio_insights_v1 GET /v1/Voice/{CallSid}/Annotation",
      "twilio_insights_v1 POST /v1/Voice/{CallSid}/Annotation",
      "twilio_insights_v1 GET /v1/Voice/{CallSid}/Summary",
    ],
  },
  {
    reason: "Double gap: a simulated body fills a `format: uri` field with text that is no absolute URI.",
    problem: /must match format "uri"/,
    operations: ["twilio_monitor_v2 GET /v2/Alarms/{Sid}"],
  },
  {
    reason:
      "Double gap: the request's enum and the response's enum differ (Verify's Channel, a Webhook's Version), and the double copies the request's value into the field.",
    problem: /must be equal to one of the allowed values/,
    operations: [
      "twilio_verify_v2 POST /v2/Services/{ServiceSid}/Verifications",
      "twilio_verify_v2 GET /v2/Services/{ServiceSid}/Webhooks",
      "twilio_verify_v2 POST /v2/Services/{ServiceSid}/Webhooks",
      "twilio_verify_v2 GET /v2/Services/{ServiceSid}/Webhooks/{Sid}",
      "twilio_verify_v2 POST /v2/Services/{ServiceSid}/Webhooks/{Sid}",
    ],
  },
];
