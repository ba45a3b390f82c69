/** The SDK's default version: `<spec release>-etag.<generator version>.content-<hash>` (plan/sdkPackage.ts). */
import { describe, expect, it } from "vitest";
import { CONTENT_STAMP, sdkPackage, stampedVersion } from "../../generator/plan/sdkPackage.js";

const GENERATOR = { version: "0.1.0", typescript: "5.9.3", esbuild: "0.28.2" };
const HASH = "3bcec69182a9f00d4e5b6a7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912";

describe("the SDK's version", () => {
  it("is stamped with the first 12 hex digits of the content's hash, from a placeholder of the same length", () => {
    const table: [string, Parameters<typeof sdkPackage>[0], string, string][] = [
      // given the options → want the placeholder version, then the stamped one
      [
        "a release",
        { specRelease: "2.3.4" },
        "2.3.4-etag.0.1.0.content-000000000000",
        "2.3.4-etag.0.1.0.content-3bcec69182a9",
      ],
      ["no release", {}, "0.0.0-etag.0.1.0.content-000000000000", "0.0.0-etag.0.1.0.content-3bcec69182a9"],
      ["a version given", { version: "1.2.3+build.7", specRelease: "2.3.4" }, "1.2.3+build.7", "1.2.3+build.7"],
    ];
    for (const [name, options, placeholder, stamped] of table) {
      const unstamped = sdkPackage(options, GENERATOR);
      expect([unstamped.version, stampedVersion(unstamped, HASH) ?? unstamped.version], name).toEqual([
        placeholder,
        stamped,
      ]);
      expect(stamped.length, name).toBe(placeholder.length);
    }
  });

  it("keeps the stamp in the prerelease, where npm publish keeps it (it strips build metadata, +...)", () => {
    const version = stampedVersion(sdkPackage({ specRelease: "2.3.4" }, GENERATOR), HASH)!;
    expect(version).not.toContain("+");
    expect(version.split("-").slice(1).join("-").split(".")).toEqual(["etag", "0", "1", "0", "content-3bcec69182a9"]);
  });

  it("is found in any file by CONTENT_STAMP, which --check uses to show telling diffs first", () => {
    const text =
      'const SDK = { version: "2.3.4-etag.0.1.0.content-3bcec69182a9" };\nnpm install ./x-2.3.4-etag.0.1.0.content-000000000000.tgz';
    expect(text.replace(CONTENT_STAMP, "")).toBe(
      'const SDK = { version: "2.3.4-etag.0.1.0" };\nnpm install ./x-2.3.4-etag.0.1.0.tgz',
    );
  });
});
