// `npm run bench`: measures everything in one go, prints the table and writes bench/results.md.
// A benchmark script, not a test: targets that are missed are reported, not failed; a step that
// breaks (a child exiting non-zero) stops the bench with exit 1.
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseOptions, USAGE } from "./options.js";
import { benchDouble } from "./double.js";
import { benchFloor } from "./floor.js";
import { benchOurs } from "./ours.js";
import { CORPUS_HOME, findCorpus, repoRoot } from "./paths.js";
import { ensurePeers, peerVersions } from "./peers-install.js";
import { benchPeers } from "./peers.js";
import { writeResults } from "./results.js";
import { benchFeel, buildSdk } from "./sdk-feel.js";
import { benchPerRequest, benchSdkUsers, REQUESTS } from "./sdk-users.js";
import { rssSource, StepError } from "./spawn.js";
import { progress, seconds } from "./stats.js";
import { buildRows, doubleRows, generatorRows, perRequestRows, renderTable, sdkUserRows } from "./table.js";
import { freshDir } from "./temp.js";
import { generatorCli } from "./paths.js";
import { measure } from "./spawn.js";

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // The double's rows need no corpus: they measure generated/, the pinned release's SDK.
  if (options.double) {
    console.log(renderTable(doubleRows(await benchDouble(options.runs))));
    console.log(`\n- ${DOUBLE_NOTE} Medians of ${options.runs} run(s); the heap is the largest run's.`);
    return 0;
  }
  const corpus = findCorpus();
  if (!corpus) {
    console.error(`bench: Twilio's specs were not found. Expected dated folders (e.g. 2026-04-14) of`);
    console.error(`twilio_*.yaml files at ${CORPUS_HOME} (beside this repo's folder).`);
    return 1;
  }
  const { runs } = options;
  progress(`corpus ${corpus.label}: ${corpus.specs.length} specs; ${runs} run(s) of each measurement`);
  if (options.sdkUsers) return onlySdkUsers(corpus.dir, runs);
  if (options.perRequest) return onlyPerRequest(corpus.dir, runs);
  ensurePeers();
  const versions = peerVersions();

  progress("1-3/5 our generator");
  const ours = await benchOurs(corpus, runs);
  progress("4/5 peer generators (Node 22), and the floor");
  const peers = await benchPeers(corpus, runs);
  const floor = await benchFloor(corpus, ours.sdkDir, runs);
  if (options.generator) {
    console.log(renderTable(generatorRows(ours, peers, floor)));
    console.log(`\n- ${GENERATOR_NOTE} Medians of ${runs} run(s); peak RSS is the worst run's.`);
    return 0;
  }
  progress("5/5 the generated SDK as users feel it");
  const feel = await benchFeel(ours.sdkDir, runs);
  const users = await benchSdkUsers(feel.dist, runs);
  progress("the Twilio double of generated/");
  const double = await benchDouble(runs);

  const table = renderTable(buildRows(ours, peers, floor, feel, users, double));
  const typescript = JSON.parse(readFileSync(join(repoRoot, "node_modules/typescript/package.json"), "utf8")).version;
  const notes = [
    `Corpus: \`${corpus.label}\` (${corpus.specs.length} specs). Times are medians of ${runs} run(s), wall clock; peak RSS is the worst run's largest process (${rssSource}).`,
    `Ours: \`node bin/twilio-etag-sdk-generator.mjs\` (what \`npm run generate\` runs) on Node ${process.version}; ` +
      "output in prettier's layout (templates emit it; prettier formats only files that need it); cold runs start with an empty `--cache-dir`, warm runs reuse it.",
    `One spec changed: a description in \`twilio_taskrouter_v1.yaml\` of a copy of the corpus, new text each run.`,
    `Peers: one Node ${versions.node} process (npm package \`node@${versions.node}\`) for all specs, unformatted: ` +
      `@hey-api/openapi-ts ${versions["@hey-api/openapi-ts"]} (default plugins: types, SDK, fetch client), ` +
      `openapi-typescript ${versions["openapi-typescript"]} (Node API, types only).`,
    `Programs: one TaskRouter task fetch, on our SDK written as its README shows (\`new Taskrouter(...)\` from the \`<name>/taskrouter\` entry) and on twilio ${versions.twilio}; bundled by esbuild ${versions.esbuild} ` +
      `(--bundle --minify --platform=node --format=esm); type-checked by TypeScript ${typescript} (strict, nodenext, skipLibCheck, es2022).`,
    `Published form: the corpus SDK packed once by \`npm pack\` (its prepack builds dist/: .d.ts by tsc, each entry's .js bundled by esbuild with shared chunks: ${seconds(feel.buildSeconds)}) ` +
      "and installed from the tarball into the program's node_modules, as twilio is installed from npm; both bundles and both type-checks use what is installed.",
    `SDK users: fresh Node ${process.version} processes of our corpus SDK's installed dist/ and of twilio ${twilioVersion()} (the project's dev dependency; ` +
      "its httpClient option sends its https://*.twilio.com URLs to the server) against one 127.0.0.1 server in the bench's process; " +
      "each() with PageSize 1000.",
    perRequestNote(runs),
    DOUBLE_NOTE,
  ];
  const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
  writeResults({ date: new Date().toISOString(), command, table, notes });
  console.log(`${table}\n\n${notes.map((note) => `- ${note}`).join("\n")}`);
  progress("wrote bench/results.md");
  return 0;
}

/** The SDK of `specs` generated and built once, untimed: its dist/. */
async function builtSdk(specs: string, label: string): Promise<string> {
  const out = freshDir("sdk-users-sdk");
  progress(`generating and building ${label} (not timed)`);
  await measure(`generate ${label}`, process.execPath, [generatorCli, "--specs", specs, "--out", out]);
  return (await buildSdk(out)).dist;
}

/** `--sdk-users`: the SDK-user rows alone, on an SDK generated and built once from the corpus. */
async function onlySdkUsers(specs: string, runs: number): Promise<number> {
  const users = await benchSdkUsers(await builtSdk(specs, "the corpus SDK"), runs);
  console.log(renderTable(sdkUserRows(users)));
  console.log(
    `\n- Same run, same 127.0.0.1 server; twilio ${twilioVersion()} through its httpClient option; medians of ${runs} run(s).`,
  );
  return 0;
}

/** `--per-request`: the time-per-request rows alone, on the SDK of the corpus's TaskRouter spec. */
async function onlyPerRequest(specs: string, runs: number): Promise<number> {
  const taskrouter = freshDir("taskrouter-spec");
  copyFileSync(join(specs, TASKROUTER_SPEC), join(taskrouter, TASKROUTER_SPEC));
  const figures = await benchPerRequest(await builtSdk(taskrouter, "the TaskRouter SDK"), runs);
  console.log(renderTable(perRequestRows(figures)));
  console.log(`\n- ${perRequestNote(runs)}`);
  return 0;
}

const TASKROUTER_SPEC = "twilio_taskrouter_v1.yaml";

const perRequestNote = (runs: number): string =>
  `Per request: fresh Node ${process.version} processes of our SDK (the TaskRouter entry), twilio ${twilioVersion()} (through its httpClient option), ` +
  "fetch() alone and node:http alone (an Agent with keepAlive) against one 127.0.0.1 server in the bench's process that declares each answer's length, as Twilio does, taking turns within each round; " +
  `${REQUESTS.sequential.toLocaleString("en-US")} sequential and ${REQUESTS.concurrent.toLocaleString("en-US")} requests with ${REQUESTS.inFlight} in flight after ${REQUESTS.warmUp} warm-up requests; medians of ${runs} run(s). ` +
  `On ${fetchRuntimeVersions()} (the runtime matrix's packages in test/runtimes), the same programs of our SDK and of fetch() alone, which there is its transport.`;

/** "Deno 2.9.6 and Bun 1.4.5": the versions test/runtimes pins. */
function fetchRuntimeVersions(): string {
  const pinned = JSON.parse(readFileSync(join(repoRoot, "test/runtimes/package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  return `Deno ${pinned.dependencies.deno} and Bun ${pinned.dependencies.bun}`;
}

const GENERATOR_NOTE =
  "Floor: a fresh Node process that reads and parses every spec (js-yaml, one thread) and writes the bytes of our " +
  "cold run's SDK into an empty folder; reading those bytes first is left out.";

const DOUBLE_NOTE =
  "Double: generated/testing (every service of the pinned release) bundled by esbuild, in fresh Node processes: start-up is import, " +
  "createTwilioDouble() and the first answer; in-process is 20,000 sequential `double.fetch` reads of one Task; HTTP is the " +
  "package's command driven by 5,000 reads with 50 in flight from the bench's process; the heap is held by 100,000 Tasks " +
  "stored with `double.seed()`; the vitest file's time is vitest's own duration for it (its start-up excluded), run by the project's vitest.";

function twilioVersion(): string {
  return JSON.parse(readFileSync(join(repoRoot, "node_modules/twilio/package.json"), "utf8")).version;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StepError) console.error(`bench: ${error.message}`);
    else console.error("bench:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
