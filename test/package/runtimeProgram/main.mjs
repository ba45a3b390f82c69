// The program as a command (Node, Deno, Bun): the double's URL in, one line of JSON out.
import { run } from "./program.mjs";

const url = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
console.log(JSON.stringify(await run(url)));
