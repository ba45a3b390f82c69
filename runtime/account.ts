import type { ApiClient } from "./client.js";

/** The SID of the client's own account, which `api.v2010.account` and the root shortcuts address. */
export function ownAccountSid(client: ApiClient): string {
  if (client.accountSid) return client.accountSid;
  throw new TypeError(
    "The client has no accountSid: create it with `accountSid` to use its own account " +
      "(`account`, and shortcuts such as `messages`), or address one with `accounts(sid)`",
  );
}
