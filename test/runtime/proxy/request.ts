// One request through a client, as a program behind a proxy makes it; prints what came back as JSON.
import type { ApiClient } from "../../../runtime/index.js";

export async function printOneRequest(twilio: ApiClient): Promise<void> {
  const response = await twilio.request({ method: "GET", host: "api", path: "/v1/Proxied" });
  console.log(JSON.stringify({ status: response.status, body: response.body }));
}
