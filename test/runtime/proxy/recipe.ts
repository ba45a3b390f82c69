// The recipe of docs/client.md ("Proxies") for a Node whose fetch ignores the environment's proxy;
// proxy.test.ts checks that every line of the documented recipe is here, word for word.
import { EnvHttpProxyAgent, fetch } from "undici"; // npm install undici
import { ApiClient as Twilio } from "../../../runtime/index.js";
import { printOneRequest } from "./request.js";

const dispatcher = new EnvHttpProxyAgent(); // reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY
const twilio = new Twilio({
  fetch: ((url: string, init: object) => fetch(url, { ...init, dispatcher })) as typeof globalThis.fetch,
  baseUrls: { "*": process.argv[2]! },
});
await printOneRequest(twilio);
