// `jwt`, as twilio-node's root exports it: AccessToken, ClientCapability and taskrouter.
import { TaskRouterCapability } from "./capabilityTokens.js";
import * as util from "./taskRouterPolicies.js";

export { AccessToken } from "./accessToken.js";
export { ClientCapability } from "./capabilityTokens.js";
export const taskrouter = { TaskRouterCapability, util };
