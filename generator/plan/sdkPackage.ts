import { GeneratorError } from "../util/diagnostics.js";

/** What the generator options say about the SDK's package; anything left out gets its default. */
export interface PackageOptions {
  name?: string;
  version?: string;
  /** The twilio-oai release the specs come from (the lock's tag), when known. */
  specRelease?: string;
}

/** The generator itself: its version goes into the SDK's, its TypeScript and esbuild build the SDK. */
export interface GeneratorIdentity {
  version: string;
  typescript: string;
  esbuild: string;
}

/** The SDK's package identity, as its package.json and README state it. */
export interface SdkPackage {
  name: string;
  version: string;
  /**
   * The default version before its content hash (`2.3.4-etag.0.1.0`), while the version waits for
   * it (withContentHash); undefined once stamped, or when the options gave the version.
   */
  unhashedVersion?: string;
  /** `2.3.4`, or `0.0.0` when the specs are not a known release. */
  specRelease: string;
  generatorVersion: string;
  /** The TypeScript version its `prepack` build asks for (a devDependency): the .d.ts files. */
  typescript: string;
  /** The esbuild version its `prepack` build asks for (a devDependency): the bundled .js entries. */
  esbuild: string;
}

export const DEFAULT_PACKAGE_NAME = "twilio-etag-sdk";
/** The spec release of specs that are not a known twilio-oai release. */
export const UNKNOWN_RELEASE = "0.0.0";

/** npm's rules for a package name: lowercase, URL-safe, optionally scoped, at most 214 characters. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
const SEMVER = new RegExp(
  `^(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-${IDENTIFIER}(?:\\.${IDENTIFIER})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const RELEASE = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

/**
 * The SDK's name and version. The default version is `<spec release>-etag.<generator version>`
 * followed by a hash of the SDK's content (withContentHash), e.g. `2.3.4-etag.0.1.0.content-1f0c2e9a7b34`:
 * valid semver that sorts by the spec release first, then by the generator that built it, that
 * changes with every change of the files (a spec added to specs/ included), and that no release of
 * Twilio's own `twilio` package can be mistaken for. The hash is a prerelease identifier, not build
 * metadata (`+...`): `npm publish` strips build metadata, and the published version would lose it.
 */
export function sdkPackage(options: PackageOptions, generator: GeneratorIdentity): SdkPackage {
  const name = options.name ?? DEFAULT_PACKAGE_NAME;
  if (name.length > 214 || !PACKAGE_NAME.test(name)) {
    throw new GeneratorError(
      { file: "--package-name" },
      `"${name}" is not a valid npm package name`,
      "use lowercase letters, digits, '-', '.', '_' or '~', optionally scoped (@scope/name)",
    );
  }
  const specRelease = options.specRelease ?? UNKNOWN_RELEASE;
  if (!RELEASE.test(specRelease)) {
    throw new GeneratorError(
      { file: "specs/twilio-oai.lock.json", pointer: "tag" },
      `the release tag "${specRelease}" is not a MAJOR.MINOR.PATCH version`,
      "lock a twilio-oai release tag such as 2.3.4 (npm run specs -- update --tag 2.3.4)",
    );
  }
  const unhashedVersion = options.version === undefined ? `${specRelease}-etag.${generator.version}` : undefined;
  const version = options.version ?? `${unhashedVersion}.${CONTENT_PREFIX}${"0".repeat(CONTENT_HASH_LENGTH)}`;
  if (!SEMVER.test(version)) {
    throw new GeneratorError(
      { file: "--package-version" },
      `"${version}" is not a valid semver version`,
      "give a version such as 1.2.3 or 2.3.4-etag.0.1.0",
    );
  }
  return {
    name,
    version,
    ...(unhashedVersion === undefined ? {} : { unhashedVersion }),
    specRelease,
    generatorVersion: generator.version,
    typescript: generator.typescript,
    esbuild: generator.esbuild,
  };
}

/** The version's last prerelease identifier: `content-` and the hash's first 12 hex digits (48 bits). */
const CONTENT_PREFIX = "content-";
const CONTENT_HASH_LENGTH = 12;
/** The content stamp wherever a file states the default version. */
export const CONTENT_STAMP = new RegExp(`\\.${CONTENT_PREFIX}[0-9a-f]{${CONTENT_HASH_LENGTH}}\\b`, "g");

/**
 * The package with its default version stamped: `hash` is a hex hash of the SDK's files as rendered
 * with the placeholder version that sdkPackage gives (every digit 0), so the stamp changes exactly
 * when some file's content does. A version the options gave is kept as it is.
 */
export function withContentHash(sdkPackage: SdkPackage, hash: string): SdkPackage {
  const { unhashedVersion, ...stamped } = sdkPackage;
  if (unhashedVersion === undefined) return sdkPackage;
  return { ...stamped, version: `${unhashedVersion}.${CONTENT_PREFIX}${hash.slice(0, CONTENT_HASH_LENGTH)}` };
}
