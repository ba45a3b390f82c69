// The Twilio double's engine, as the SDK's `testing` entry uses it: createDouble over the
// generated data, and the types of its public API.
export { createDouble } from "./double.js";
export type { DoubleOptions, TwilioDouble } from "./double.js";
export type { FaultRule, InterferenceRule, PathPattern, RequestMatch } from "./control.js";
export type { FieldType, OperationData, OperationKind, ResourceData, SideOperations } from "./data.js";
export type { DoubleRequest } from "./messages.js";
export type { ListeningDouble, ListenOptions } from "./listen.js";
export { runDoubleCli } from "./cli.js";
export type { StoredInstance } from "./store.js";
