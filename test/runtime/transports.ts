import type { ClientOptions } from "../../runtime/index.js";

/** The transports of a client on Node, for tests that must hold on both: its default (node:http) and fetch. */
export const TRANSPORTS: { name: string; options: ClientOptions }[] = [
  { name: "node:http (the default on Node)", options: {} },
  { name: "fetch", options: { transport: "fetch" } },
];
