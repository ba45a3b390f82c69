#!/usr/bin/env node
// @ts-check
// The installed generator: the CLI compiled into dist/generator/ when the package was packed
// (prepack). In a checkout without that build, the launcher of `npm run generate` compiles it.
import { existsSync } from "node:fs";

const packed = new URL("../dist/generator/cli.js", import.meta.url);
await import(existsSync(packed) ? packed.href : new URL("../generator/run.mjs", import.meta.url).href);
