// A program with no proxy code at all: on a Node whose fetch honours NODE_USE_ENV_PROXY=1, the
// environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. Credentials come from TWILIO_*; argv[2]
// is the base URL of the test's server.
import { ApiClient as Twilio } from "../../../runtime/index.js";
import { printOneRequest } from "./request.js";

const twilio = new Twilio({ baseUrls: { "*": process.argv[2]! } });
await printOneRequest(twilio);
