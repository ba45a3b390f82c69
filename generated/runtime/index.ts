export * from "./serialize.js";
export * from "./errors.js";
export * from "./client.js";
export * from "./page.js";
export * from "./instance.js";
export * from "./mount.js";
export * from "./operation.js";
export * from "./conflictRetry.js";
