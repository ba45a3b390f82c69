import { describe, expect, it } from "vitest";
import { encodeParams, expandPath } from "../../runtime/index.js";

describe("expandPath", () => {
  it("fills every placeholder with its encoded value", () => {
    const template = "/v1/Services/{ServiceSid}/Documents/{Sid}";

    const path = expandPath(template, { ServiceSid: "IS1", Sid: "a/b?c d" });

    expect(path).toBe("/v1/Services/IS1/Documents/a%2Fb%3Fc%20d");
  });

  it("accepts numbers", () => {
    expect(expandPath("/v1/Items/{Index}", { Index: 7 })).toBe("/v1/Items/7");
  });

  it("names the missing parameter and the path", () => {
    const template = "/v1/Services/{ServiceSid}/Documents/{Sid}";

    const expand = () => expandPath(template, { ServiceSid: "IS1" });

    expect(expand).toThrow(/"Sid".*\/v1\/Services\/\{ServiceSid\}/);
  });

  it("does not take parameters from Object.prototype", () => {
    expect(() => expandPath("/v1/{constructor}", {})).toThrow(/constructor/);
  });

  it.each([".", ".."])("refuses %j, which would address another path", (sid) => {
    expect(() => expandPath("/v1/Documents/{Sid}", { Sid: sid })).toThrow(/"Sid"/);
  });
});

describe("encodeParams", () => {
  it("serializes each kind of value in insertion order", () => {
    const params = {
      "StartTime<": new Date("2024-01-02T03:04:05.678Z"),
      Tag: ["a", "b c"],
      Enabled: true,
      Hidden: false,
      PageSize: 50,
      Skipped: undefined,
      Nulled: null,
      Data: { key: "value", n: 1 },
      Nested: [["x", 1], { y: 2 }],
    };

    const encoded = encodeParams(params);

    expect([...encoded]).toEqual([
      ["StartTime<", "2024-01-02T03:04:05.678Z"],
      ["Tag", "a"],
      ["Tag", "b c"],
      ["Enabled", "true"],
      ["Hidden", "false"],
      ["PageSize", "50"],
      ["Data", '{"key":"value","n":1}'],
      ["Nested", '["x",1]'],
      ["Nested", '{"y":2}'],
    ]);
    expect(encoded.toString()).toMatch(/^StartTime%3C=2024-01-02T03%3A04/);
  });

  it("skips null and undefined array elements", () => {
    expect(encodeParams({ Tag: ["a", null, undefined] }).toString()).toBe("Tag=a");
  });
});
