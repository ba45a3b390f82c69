import { describe, expect, it } from "vitest";
import { encodeParams, expandPath, formatParam, parsePathTemplate } from "../../runtime/index.js";

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

  it.each([
    { template: "/v1/Services", literals: ["/v1/Services"], names: [] },
    { template: "/v1/Services/{Sid}", literals: ["/v1/Services/", ""], names: ["Sid"] },
    { template: "/v1/{A}{B}.json", literals: ["/v1/", "", ".json"], names: ["A", "B"] },
    { template: "/v1/{}/x", literals: ["/v1/{}/x"], names: [] },
  ])("splits $template once, and fills it as the text does", ({ template, literals, names }) => {
    const parsed = parsePathTemplate(template);
    const params = Object.fromEntries(names.map((name) => [name, `${name} 1`]));

    expect(parsed).toEqual({ template, literals, names });
    expect(expandPath(parsed, params)).toBe(expandPath(template, params));
  });

  it("names the template of a parsed path in its errors", () => {
    const parsed = parsePathTemplate("/v1/Documents/{Sid}");

    expect(() => expandPath(parsed, {})).toThrow(/"Sid" for \/v1\/Documents\/\{Sid\}/);
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
      ["StartTime<", "2024-01-02T03:04:05Z"],
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

describe("formatParam", () => {
  const table: [string, Parameters<typeof formatParam>, Record<string, unknown>][] = [
    ["a Date as its UTC day", ["StartDate", new Date("2024-01-02T00:00:00Z"), "date"], { StartDate: "2024-01-02" }],
    [
      "a Date late in the UTC day, not the next day of zones ahead",
      ["EndDate", new Date("2024-01-02T23:59:59.999Z"), "date"],
      { EndDate: "2024-01-02" },
    ],
    ["a day given as text, as it is", ["StartDate", "2024-01-02", "date"], { StartDate: "2024-01-02" }],
    [
      "each Date of a list",
      ["Days", [new Date("2024-01-02T00:00:00Z"), "2024-02-03"], "date"],
      { Days: ["2024-01-02", "2024-02-03"] },
    ],
    ["no day", ["StartDate", undefined, "date"], { StartDate: undefined }],
    [
      "a map flattened under its prefix, arrays kept as leaves",
      ["AddOnsData", { payfone: { RequestId: "r1", Flags: ["a", "b"] }, other: 3 }, "prefixed-collapsible-map-AddOns"],
      { "AddOns.payfone.RequestId": "r1", "AddOns.payfone.Flags": ["a", "b"], "AddOns.other": 3 },
    ],
    ["a repeated key kept at each level", ["Data", { a: { a: 1 } }, "prefixed-collapsible-map-P"], { "P.a.a": 1 }],
    ["no map", ["AddOnsData", undefined, "prefixed-collapsible-map-AddOns"], {}],
  ];
  it.each(table)("%s", (_name, args, want) => {
    expect(formatParam(...args)).toEqual(want);
  });

  it("refuses a map that is not an object, naming the parameter", () => {
    expect(() => formatParam("AddOnsData", "x=1", "prefixed-collapsible-map-AddOns")).toThrow(/AddOnsData.*AddOns\./);
  });

  it("encodes a date-time Date to the second in UTC, as Twilio documents", () => {
    expect(encodeParams({ "StartTime>": new Date("2024-01-02T03:04:05.678Z") }).toString()).toBe(
      "StartTime%3E=2024-01-02T03%3A04%3A05Z",
    );
  });
});
