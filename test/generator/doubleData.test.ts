/** The plan's rules for the Twilio double's data (generator/plan/doubleData.ts), as given/want rows. */
import { describe, expect, it } from "vitest";
import { encodedFields, sidPrefix } from "../../generator/plan/doubleData.js";
import type { Schema } from "../../generator/model/types.js";

const COMPONENTS: Record<string, Schema> = {
  task_enum_status: { type: "string", enum: ["pending", "reserved"] },
  sid: { type: "string", pattern: "^WT[0-9a-fA-F]{32}$" },
};

describe("the SID prefix of a key field", () => {
  it.each([
    // given the key field's schema → want the prefix
    [{ type: "string", pattern: "^WT[0-9a-fA-F]{32}$" }, "WT"],
    [{ type: "string", pattern: "^AC[0-9a-fA-F]{32}$", nullable: true }, "AC"],
    [{ $ref: "#/components/schemas/sid" }, "WT"],
    [{ type: "string", pattern: "^(SM|MM)[0-9a-fA-F]{32}$" }, "SM"],
    [{ type: "string", pattern: "^(SM|[0-9a-fA-F]{32})$" }, undefined],
    [{ type: "string", pattern: "^[a-zA-Z0-9-_]+$" }, undefined],
    [{ type: "string", pattern: "^WT[0-9a-f]{32}$" }, undefined],
    [{ type: "string" }, undefined],
    [undefined, undefined],
  ] as [Schema | undefined, string | undefined][])("%j → %s", (schema, want) => {
    expect(sidPrefix(schema, COMPONENTS)).toBe(want);
  });
});

describe("a response field as the double's data writes it", () => {
  it.each([
    // given one property → want its encoding: name, type code, ? when nullable, =default
    [{ type: "string", nullable: true }, "f"],
    [{ type: "string" }, "f:s"],
    [{ type: "integer", nullable: true }, "f:i?"],
    [{ type: "integer", default: 0 }, "f:i=0"],
    [{ type: "number" }, "f:n"],
    [{ type: "boolean", nullable: true }, "f:b?"],
    [{ type: "array", items: { type: "string" } }, "f:a"],
    [{ type: "object", nullable: true }, "f:o?"],
    [{ nullable: true }, "f:u?"],
    [{ type: "string", format: "date-time", nullable: true }, "f:d?"],
    [{ type: "string", format: "date-time-rfc-2822", nullable: true }, "f:r?"],
    [{ type: "string", format: "date" }, "f:t"],
    [{ $ref: "#/components/schemas/task_enum_status" }, "f:s=pending"],
    [{ type: "string", enum: ["a", "b"], nullable: true }, "f"],
    [{ type: "string", default: "two words" }, "f:s"],
  ] as [Schema, string][])("%j → %s", (property, want) => {
    expect(encodedFields({ type: "object", properties: { f: property } }, COMPONENTS)).toBe(want);
  });

  it("leaves out a field whose name the encoding cannot hold, and keeps the schema's order", () => {
    const schema: Schema = {
      type: "object",
      properties: {
        sid: { type: "string" },
        "two words": { type: "string" },
        "a:b": {},
        url: { nullable: true, type: "string" },
      },
    };

    expect(encodedFields(schema, COMPONENTS)).toBe("sid:s url");
  });
});
