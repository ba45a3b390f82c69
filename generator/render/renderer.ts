/**
 * The render stage. Takes planned files (their views) and the templates; gives each file's text
 * (renderFiles.ts), then formatted by prettier where the templates' layout may differ from it
 * (formatFiles.ts). Loaded on demand: a run whose output is cached never needs it.
 */
export { formatFiles } from "./formatFiles.js";
export { renderFiles } from "./renderFiles.js";
export { loadTemplates } from "./templates.js";
