import { parseSpecs } from "./generator/load/parseSpecs.js";
import { readSpecTexts } from "./generator/load/loadSpec.js";
import { findSpecFiles } from "./generator/load/specFiles.js";
const specs = readSpecTexts(findSpecFiles(["../shared/twilio-oai/2026-04-14"]));
let t = performance.now(); await parseSpecs(specs); console.log("parseSpecs", Math.round(performance.now() - t));
const { parseDocument } = await import("yaml");
t = performance.now(); for (const s of specs) parseDocument(s.text, { uniqueKeys: false }).toJS({ maxAliasCount: -1 }); console.log("main-thread yaml", Math.round(performance.now() - t));
