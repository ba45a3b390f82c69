/**
 * Compile-time probes of a generated SDK: small programs that use it, type-checked with the
 * TypeScript compiler, strict, as a user's project would be; each line either compiles or fails
 * with the message given (test/concurrency/ifMatchTypes.test.ts, test/sdk/integerKeys.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { typeCheck } from "../generator/typeCheck.js";

/** One statement of a probe and, when it must not compile, what the compiler must say. */
export interface ProbeLine {
  code: string;
  error?: string;
}

/** The client a probe gets as `twilio`: the root client (`index.js`, `Twilio`), or a service's (`sync/index.js`, `Sync`). */
export interface ProbeClient {
  entry: string;
  className: string;
}

const ROOT_CLIENT: ProbeClient = { entry: "index.js", className: "Twilio" };

/** The probe program: the client imported from `sdkIndex`, then `lines` in an async function. */
function probeSource(sdkIndex: string, className: string, lines: readonly ProbeLine[], expectErrors: boolean): string {
  const body = lines.flatMap(({ code, error }) =>
    expectErrors && error !== undefined ? ["  // @ts-expect-error", `  ${code}`] : [`  ${code}`],
  );
  return [
    `import { ${className} } from ${JSON.stringify(sdkIndex)};`,
    "",
    `export async function probe(twilio: ${className}): Promise<void> {`,
    ...body,
    "}",
    "",
  ].join("\n");
}

/** The diagnostics of a type-checked probe: `{ line, message }` for the probe, the rest verbatim. */
function diagnosticsOf(probe: string, diagnostics: string[]) {
  const inProbe: { line: number; message: string }[] = [];
  const elsewhere: string[] = [];
  for (const diagnostic of diagnostics) {
    const match = diagnostic.startsWith(`${probe}:`)
      ? /^(\d+) ([\s\S]*)$/.exec(diagnostic.slice(probe.length + 1))
      : null;
    if (match) inProbe.push({ line: Number(match[1]), message: match[2]! });
    else elsewhere.push(diagnostic);
  }
  return { inProbe, elsewhere };
}

/**
 * Writes the probe into a temporary folder (as an ES module importing the SDK by a relative path),
 * with a copy that has `// @ts-expect-error` above each line that must fail, and type-checks both
 * in one program (an entry module importing them): exactly the lines with an `error` fail, each
 * with its message, and the copy has no diagnostics (so each directive has an error to expect).
 */
export function expectProbe(
  sdkDir: string,
  probeDir: string,
  lines: readonly ProbeLine[],
  client: ProbeClient = ROOT_CLIENT,
): void {
  const slashes = (path: string) => path.split("\\").join("/");
  const sdkIndex = slashes(relative(probeDir, join(sdkDir, client.entry)));
  const specifier = sdkIndex.startsWith(".") ? sdkIndex : `./${sdkIndex}`;
  const probe = slashes(join(probeDir, "probe.mts"));
  const expectError = slashes(join(probeDir, "probeExpectError.mts"));
  const entry = slashes(join(probeDir, "entry.mts"));
  writeFileSync(probe, probeSource(specifier, client.className, lines, false));
  writeFileSync(expectError, probeSource(specifier, client.className, lines, true));
  writeFileSync(entry, 'import "./probe.mjs";\nimport "./probeExpectError.mjs";\n');

  const diagnostics = typeCheck(entry);

  const { inProbe, elsewhere } = diagnosticsOf(probe, diagnostics);
  // Line 4 of the probe holds lines[0] (after the import, a blank line and the function header).
  const expected = lines.flatMap(({ error }, index) =>
    error === undefined ? [] : [{ line: index + 4, message: error }],
  );
  expect(inProbe).toEqual(expected);
  expect(elsewhere).toEqual([]);
}

/** A temporary folder for probes, removed in afterAll. */
export function useProbeDir(): { readonly dir: string } {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sdk-type-probe-"));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      if (dir === undefined) throw new Error("The probe folder is not created yet");
      return dir;
    },
  };
}
