/**
 * The contract harness itself, without Twilio's corpus: argument synthesis, the document given to
 * Prism, the known-rejections table, and Prism's start-up failing cleanly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { knownRejections, unexpected, type KnownRejection } from "./corpus.js";
import { instantOf } from "./instant.js";
import { runningPrismCount, startPrism } from "./prism.js";
import { prismDocument } from "./prismSpec.js";
import { samplePattern, sampleValue } from "./synthesize.js";

const temp = mkdtempSync(join(tmpdir(), "contract-harness-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("samplePattern", () => {
  it.each([
    "^WS[0-9a-fA-F]{32}$",
    "OR[0-9a-f]{32}",
    "^[a-zA-Z]{2}[0-9a-fA-F]{32}$",
    "^(SM|MM)[0-9a-fA-F]{32}$",
    "^OQ[a-zA-Z0-9]{32}$",
    "^BU[0-9a-fA-F]{32}(,BU[0-9a-fA-F]{32}){0,19}$",
    "^aia_asst_.+$",
    "^\\d{3}-\\d{4}$",
  ])("makes a string matching %s", (pattern) => {
    const value = samplePattern(pattern);
    expect(value).toBeDefined();
    expect(value).toMatch(new RegExp(pattern));
  });

  it("gives Twilio SIDs their prefix and 32 hex digits", () => {
    expect(samplePattern("^WS[0-9a-fA-F]{32}$")).toMatch(/^WS[0-9a-fA-F]{32}$/);
    expect(samplePattern("^(SM|MM)[0-9a-fA-F]{32}$")!.slice(0, 2)).toBe("SM");
  });

  it("gives up on shapes it does not know", () => {
    expect(samplePattern("^[^a]+$")).toBeUndefined();
    expect(samplePattern("(unbalanced")).toBeUndefined();
  });
});

describe("sampleValue", () => {
  const components = {
    status: { type: "string", enum: ["pending", "reserved"] },
    nested: { type: "object", properties: { id: { type: "string", readOnly: true }, n: { type: "integer" } } },
  };
  const parameter = { target: "parameter" } as const;
  const json = { target: "json" } as const;

  it("takes enums' first value, then examples, then patterns, then defaults", () => {
    expect(sampleValue({ $ref: "#/components/schemas/status" }, components, parameter)).toBe("pending");
    expect(sampleValue({ type: "string", example: "ex", pattern: "^a$" }, components, parameter)).toBe("ex");
    expect(sampleValue({ type: "string", pattern: "^IS[0-9a-f]{32}$" }, components, parameter)).toMatch(/^IS/);
    expect(sampleValue({ type: "integer", default: 7 }, components, parameter)).toBe(7);
  });

  it("fills types and formats", () => {
    expect(sampleValue({ type: "string", format: "date-time" }, components, parameter)).toBeInstanceOf(Date);
    expect(sampleValue({ type: "string", format: "date-time" }, components, json)).toBe("2024-01-02T03:04:05Z");
    expect(sampleValue({ type: "string", format: "date" }, components, parameter)).toBe("2024-01-02");
    expect(sampleValue({ type: "integer", minimum: 5, maximum: 9 }, components, parameter)).toBe(5);
    expect(sampleValue({ type: "string", minLength: 8 }, components, parameter)).toHaveLength(8);
    expect(sampleValue({ type: "boolean" }, components, parameter)).toBe(true);
    expect(sampleValue({ type: "array", items: { $ref: "#/components/schemas/status" } }, components, json)).toEqual([
      "pending",
    ]);
  });

  it("builds objects without read-only properties, and small maps for schema-less parameters", () => {
    expect(sampleValue({ $ref: "#/components/schemas/nested" }, components, json)).toEqual({ n: 1 });
    expect(sampleValue({ description: "JSON" }, components, parameter)).toEqual({ key: "value" });
    expect(sampleValue({ type: "object" }, components, json)).toEqual({});
  });
});

describe("instantOf", () => {
  it.each([
    ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02T03:04:05.6789Z", "2024-01-02T03:04:05.678Z"],
    ["2024-01-02T03:04:05+01:30", "2024-01-02T01:34:05.000Z"],
    ["2024-01-02T03:04-01:00", "2024-01-02T04:04:00.000Z"],
    ["2024-01-02", "2024-01-02T00:00:00.000Z"],
    ["0045-01-02", "0045-01-02T00:00:00.000Z"],
    ["Tue, 02 Jan 2024 03:04:05 +0000", "2024-01-02T03:04:05.000Z"],
    ["2 Jan 2024 03:04:05 -0200", "2024-01-02T05:04:05.000Z"],
    ["Tue, 02 Jan 2024 03:04:05 GMT", "2024-01-02T03:04:05.000Z"],
  ])("reads %s as %s", (text, instant) => {
    expect(new Date(instantOf(text)).toISOString()).toBe(instant);
  });

  it.each(["", "string", "2024-02-30", "2024-01-02T03:04:05", "2024-01-02T25:00Z", "Tue, 02 Foo 2024 03:04:05 +0000"])(
    "names no instant for %j",
    (text) => {
      expect(instantOf(text)).toBeNaN();
    },
  );
});

describe("prismDocument", () => {
  const spec = (encoding: string) => `openapi: 3.0.1
info: { title: t, version: "1" }
paths:
  /x:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                Events: { type: array, items: { type: string } }
                Shared: { $ref: '#/components/schemas/list' }
                Name: { type: string }${encoding}
      responses:
        '204': { description: ok }
components:
  schemas:
    list: { type: array, items: { type: string } }
`;

  it("writes out the default encoding of form arrays in a copy, and nothing else", () => {
    const file = join(temp, "twilio_forms_v1.yaml");
    writeFileSync(file, spec(""));
    const document = prismDocument(file, temp);
    expect(document.explicitEncodings).toEqual(["POST /x Events", "POST /x Shared"]);
    expect(document.file).not.toBe(file);
    const copy = JSON.parse(readFileSync(document.file, "utf8"));
    const media = copy.paths["/x"].post.requestBody.content["application/x-www-form-urlencoded"];
    expect(media.encoding).toEqual({
      Events: { style: "form", explode: true },
      Shared: { style: "form", explode: true },
    });
    expect(media.schema.properties.Name).toEqual({ type: "string" });
  });

  it("keeps encodings the spec writes and gives Prism the file itself when nothing is added", () => {
    const file = join(temp, "twilio_encoded_v1.yaml");
    writeFileSync(
      file,
      spec(`
            encoding:
              Events: { style: form, explode: true }
              Shared: { style: form, explode: true }`),
    );
    expect(prismDocument(file, temp)).toEqual({ file, explicitEncodings: [] });
  });
});

describe("knownRejections", () => {
  it("reads the table rows, with escaped pipes in cells", () => {
    const file = join(temp, "known.md");
    writeFileSync(
      file,
      [
        "| spec | operation | complaint | cause | explanation |",
        "| --- | --- | --- | --- | --- |",
        "| `twilio_x_v1` | `CreateX` | 422: body.A: must be a \\| b | spec defect | why |",
      ].join("\n"),
    );
    expect([...knownRejections(file).values()]).toEqual([
      {
        spec: "twilio_x_v1",
        operationId: "CreateX",
        complaint: "422: body.A: must be a | b",
        cause: "spec defect",
        explanation: "why",
      },
    ]);
  });

  it("takes a rejection only with its recorded complaint, and an SDK refusal only as one", () => {
    const outcome = (complaint: string) =>
      ({ spec: "twilio_x_v1", operationId: "FetchX", verdict: "rejected", complaint, problems: [] }) as never;
    const known = (cause: KnownRejection["cause"], complaint: string) =>
      new Map([
        ["twilio_x_v1 FetchX", { spec: "twilio_x_v1", operationId: "FetchX", complaint, cause, explanation: "" }],
      ]);
    const redirect = "302 refused by the SDK: redirects are not followed; nothing was re-sent";
    expect(unexpected(outcome(redirect), known("SDK refusal", "302 refused by the SDK: redirects"))).toBeUndefined();
    expect(unexpected(outcome(redirect), known("SDK refusal", "307 refused by the SDK"))).toMatch(/is not the one/);
    expect(unexpected(outcome(redirect), known("spec defect", "302 refused"))).toMatch(/gives the cause "spec defect"/);
    expect(unexpected(outcome("422: body.A: must be object"), known("SDK refusal", "422"))).toMatch(/calls it an SDK/);
    expect(unexpected(outcome(redirect), new Map())).toMatch(/does not explain it/);
  });

  it("explains every rejection of the committed file with a cause", () => {
    const known = [...knownRejections().values()];
    expect(known.length).toBeGreaterThan(0);
    for (const entry of known) {
      expect(["spec defect", "Prism limitation", "SDK gap", "SDK refusal"]).toContain(entry.cause);
      expect(entry.explanation.length).toBeGreaterThan(20);
    }
  });
});

describe("startPrism", () => {
  it("fails with Prism's output, and leaves no process behind, when Prism cannot start", async () => {
    const file = join(temp, "empty.yaml");
    writeFileSync(file, 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths: {}\n');
    await expect(startPrism(file, { timeoutMs: 30_000 })).rejects.toThrow(
      /exited before listening[\s\S]*No operations/,
    );
    expect(runningPrismCount()).toBe(0);
  }, 40_000);

  it("gives up after the bounded wait", async () => {
    const file = join(temp, "slow.yaml");
    writeFileSync(file, 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths: {}\n');
    await expect(startPrism(file, { timeoutMs: 1 })).rejects.toThrow(/did not start listening within 1 ms/);
    expect(runningPrismCount()).toBe(0);
  });
});
