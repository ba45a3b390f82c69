/**
 * The render stage. Takes planned files (their views) and the templates; gives each file's text
 * (renderFiles.ts), laid out at the print width as prettier lays it out (codeLayout.ts). Loaded on
 * demand: a run whose output is cached never needs it. A helper thread renders beside this one
 * (renderHelper.ts).
 */
export { renderFile } from "./renderFiles.js";
export { loadTemplates } from "./templates.js";
