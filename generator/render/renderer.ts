/** The render stage's entry points, loaded on demand: a run whose output is cached never needs them. */
export { formatFiles } from "./formatFiles.js";
export { renderFiles } from "./renderFiles.js";
export { loadTemplates } from "./templates.js";
