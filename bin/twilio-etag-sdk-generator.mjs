#!/usr/bin/env node
// @ts-check
// twilio-etag-sdk-generator <command> [options]: generate (the default), specs, spec-diff, sdk-diff.
// Installed, it runs the generator compiled into dist/generator/ when the package was packed (prepack);
// in a checkout, where the launcher generator/run.mjs is (it is not packed), a copy compiled on demand,
// so that a dist/ left by an earlier `npm pack` is never run there.
import { existsSync } from "node:fs";

const checkout = new URL("../generator/run.mjs", import.meta.url);
await import(existsSync(checkout) ? checkout.href : new URL("../dist/generator/main.js", import.meta.url).href);
