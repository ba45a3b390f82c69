import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { commandPrefix, parseCommandLine, type Command } from "../util/commandLine.js";
import { quoted, UsageError } from "../util/diagnostics.js";
import { ARCHIVE_URL_VARIABLE, fetchLockedRelease } from "./fetchRelease.js";
import { DEADLINE_FLAGS, DEFAULT_DEADLINES, type Deadlines } from "./limits.js";

const usage = () => `Usage: ${commandPrefix("specs")} fetch [--from PATH] [deadlines]
       ${commandPrefix("specs")} update --tag TAG [--from PATH] [--commit SHA] [--report FILE] [deadlines]

Twilio's specs are pinned, not copied: specs/twilio-oai.lock.json names a twilio-oai release and the
sha256 of every file of its spec/yaml folder; the files live in specs/twilio-oai/ (git-ignored).

Commands:
  fetch            materialise the locked release in specs/twilio-oai/, every file checked against the
                   lock. Sources: --from, else the npm package the lock names as a mirror (npm pack,
                   with your npm configuration), else GitHub's tarball of the tag.
  update           move the lock to release TAG: fetch it (from --from, else GitHub's tarball), rewrite
                   the lock (with the commit the tarball records, and the npm mirror: a later version
                   of the old mirror's package that holds the release byte for byte, when one does),
                   regenerate generated/, print the change report (spec-diff) between the old and the
                   new release. If anything fails, the lock and specs/twilio-oai/ stay.

Options:
  --from PATH      a twilio-oai checkout, its spec/yaml folder, a folder of the spec files, or a release
                   .tar.gz (GitHub's layout: twilio-oai-<tag>/spec/yaml/); nothing else is tried
  --tag TAG        update: the release tag to move to, e.g. 2.6.7
  --commit SHA     update: the release's commit, when the source cannot tell it (a folder cannot)
  --report FILE    update: write the change report to FILE instead of standard output
  --root DIR       the project folder holding specs/twilio-oai.lock.json (default: the current folder)
  --help           show this help

Deadlines of each download (GitHub's tarball; for the npm mirror, npm's fetch-timeout is the idle
deadline and npm pack is stopped at the total one), in seconds; a download that misses one fails,
naming it, and changes nothing:
  --connect-timeout SECONDS   until the server answers (default: ${DEFAULT_DEADLINES.connect})
  --idle-timeout SECONDS      without archive data; bytes that unpack to nothing do not count
                              (default: ${DEFAULT_DEADLINES.idle})
  --total-timeout SECONDS     for the whole download (default: ${DEFAULT_DEADLINES.total})

Environment:
  ${ARCHIVE_URL_VARIABLE}   where release tarballs are downloaded: <url>/<tag>.tar.gz
                   (default: https://github.com/<repository>/archive/refs/tags)

Progress goes to standard error. Exit codes: 0 done, 2 error (nothing was changed).`;

export const specsCommand: Command = { usage, run };

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      tag: { type: "string" },
      commit: { type: "string" },
      report: { type: "string" },
      root: { type: "string", default: "." },
      help: { type: "boolean", default: false },
      "connect-timeout": { type: "string" },
      "idle-timeout": { type: "string" },
      "total-timeout": { type: "string" },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const root = resolve(values.root);
  const limits = { deadlines: deadlines(values) };
  if (command === "fetch") {
    for (const option of ["tag", "commit", "report"] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} belongs to update, not fetch`);
    }
    await fetchLockedRelease({ root, from: values.from, limits });
    return 0;
  }
  if (command === "update") {
    if (values.tag === undefined) throw new UsageError("update needs --tag TAG");
    // Loaded only for update: the change report pulls in the generator's loader and model.
    const { updateLockedRelease } = await import("./updateRelease.js");
    const { tag, from, commit } = values;
    const { report } = await updateLockedRelease({ root, tag, from, commit, limits });
    if (report === undefined) return 0;
    if (values.report) writeFileSync(values.report, report);
    // Waits for the write: process.exit() could otherwise cut a long report written to a pipe.
    else await new Promise((done) => process.stdout.write(report, done));
    return 0;
  }
  throw new UsageError(command === undefined ? "a command is needed: fetch or update" : `unknown command ${command}`);
}

/** The deadlines given as flags, in seconds. */
function deadlines(values: Record<string, unknown>): Partial<Deadlines> {
  const given: Partial<Deadlines> = {};
  for (const [name, flag] of Object.entries(DEADLINE_FLAGS) as [keyof Deadlines, string][]) {
    const value = values[flag.slice(2)];
    if (value === undefined) continue;
    const seconds = Number(value);
    if (value === "" || !Number.isFinite(seconds) || seconds <= 0) {
      throw new UsageError(`${flag} expects a number of seconds above 0, such as 30 or 0.5; got ${quoted(value)}`);
    }
    given[name] = seconds;
  }
  return given;
}
