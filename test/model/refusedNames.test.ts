import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/util/diagnostics.js";
import { loadSpecs, readSpecTexts } from "../../generator/load/loadSpec.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import { planSdk } from "../../generator/plan/planSdk.js";
import { sdkPackage } from "../../generator/plan/sdkPackage.js";

// Names that cannot reach emitted code safely are refused (docs/naming.md): where they enter the model,
// and where the plan makes a name of the spec's (a path that gives none).
const FIXTURE = readFileSync("test/fixtures/hostile/file-name/twilio_named_v1.yaml", "utf8");
const folder = mkdtempSync(join(tmpdir(), "refused-names-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const identity = sdkPackage({}, { version: "0.0.0", typescript: "5.9.3", esbuild: "0.28.2" });

async function refusal(name: string, text: string): Promise<GeneratorError> {
  const file = join(folder, name);
  writeFileSync(file, text);
  const texts = readSpecTexts([file]);
  const [spec] = await loadSpecs(texts);
  try {
    planSdk(mergeSpecs([buildSpecModel(spec!)], texts), "runtime", "templates/static", identity);
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

const withServer = `${FIXTURE}servers:\n- url: https://named.twilio.com\n`;

describe("names refused with a located error", () => {
  it.each([
    [
      "a host from a file name that is no DNS label",
      'twilio_a"+eval("x")+"_v1.yaml',
      FIXTURE,
      {
        pointer: "servers",
        line: 3,
        problem: /file name gives the host "a\\"\+eval\(\\"x\\"\)\+\\"", which is not a DNS label/,
      },
    ],
    [
      "a header name that is no HTTP token",
      "twilio_named_v1.yaml",
      withServer.replace("        - name: Sid\n          in: path", '        - name: X-Evil"*/\n          in: header'),
      {
        line: 24,
        pointer: "paths./v1/Notes/{Sid}.get.parameters.0.name",
        problem: /header name "X-Evil\\"\*\/" is not/,
      },
    ],
    [
      "a path segment without a letter or digit",
      "twilio_named_v1.yaml",
      withServer.replace("/v1/Notes/{Sid}:", "/v1/---/{Sid}:"),
      { line: 22, pointer: "paths./v1/---/{Sid}", problem: /the path gives no name/ },
    ],
    [
      "x-twilio names without a letter or digit",
      "twilio_named_v1.yaml",
      withServer.replace(
        "  /v1/Notes/{Sid}:\n",
        '  /v1/Notes/{Sid}:\n    x-twilio:\n      className: "*/"\n      mountName: "!"\n',
      ),
      { line: 22, pointer: "paths./v1/Notes/{Sid}", problem: /the path gives no name/ },
    ],
  ])("%s", async (_, name, text, want) => {
    const error = await refusal(name, text);
    expect([error.location.file, error.location.pointer, error.location.line]).toEqual([
      join(folder, name),
      want.pointer,
      want.line,
    ]);
    expect(error.problem).toMatch(want.problem);
    expect(error.fix).not.toBe("");
  });
});
