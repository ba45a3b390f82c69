// Command-line options of `npm run bench`.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run bench -- [--runs N | --quick] [--generator | --sdk-users | --per-request | --double]

Times our generator on Twilio's newest spec corpus (cold, warm, --check, one spec changed)
against @hey-api/openapi-ts and openapi-typescript, and compares a one-call TaskRouter program
on our SDK with the same program on the twilio package (bundle size, tsc time).
Prints a table and writes bench/results.md.

Options:
  --runs N   medians over N runs (default 5)
  --quick    one run of everything (same as --runs 1)
  --generator  only the generator's rows: ours (cold, warm, --check, one spec changed), the
             peers and the floor, on the corpus; prints the rows and leaves bench/results.md alone
  --sdk-users  only the rows of what an SDK user pays at run time (cold start, time per
             request, memory of each()), on an SDK generated once from the corpus; prints
             the rows and leaves bench/results.md alone
  --per-request  only the time-per-request rows (sequential and 50 in flight) of our SDK,
             twilio, fetch() alone and node:http alone, all in one run, on an SDK generated
             once from the corpus's TaskRouter spec; prints the rows, leaves results.md alone
  --double   only the rows of the Twilio double of generated/ (start-up, requests per second
             in-process and over HTTP, memory for 100,000 instances, a 100-request vitest
             file); prints the rows and leaves bench/results.md alone
  --help     show this help`;

export interface Options {
  runs: number;
  help: boolean;
  generator: boolean;
  sdkUsers: boolean;
  perRequest: boolean;
  double: boolean;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      quick: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      generator: { type: "boolean", default: false },
      "sdk-users": { type: "boolean", default: false },
      "per-request": { type: "boolean", default: false },
      double: { type: "boolean", default: false },
    },
  });
  const runs = values.quick ? 1 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number ≥ 1, got "${values.runs}"`);
  return {
    runs,
    help: values.help,
    generator: values.generator,
    sdkUsers: values["sdk-users"],
    perRequest: values["per-request"],
    double: values.double,
  };
}
