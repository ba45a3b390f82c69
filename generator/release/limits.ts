/**
 * Bounds on reading a release: archives and download servers are untrusted input, so every size,
 * count and wait has a limit. Each is an option with a default, so that tests can lower it.
 */
export interface ArchiveLimits {
  /** Decompressed bytes of the whole archive: GitHub's tarball holds the whole repository (about 300 MB). */
  archiveBytes: number;
  /** One spec file: a release's largest is under 2 MB. */
  specFileBytes: number;
  /** All spec files together: a release is about 9 MB. */
  specBytes: number;
  /** One metadata header: a pax `x` or `g` header, a GNU long name `L` or long link `K`. */
  metaBytes: number;
  /** Entries of the archive (files, folders and the rest) or files of a folder. */
  entries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  archiveBytes: 2 * 2 ** 30,
  specFileBytes: 16 * 2 ** 20,
  specBytes: 128 * 2 ** 20,
  metaBytes: 64 * 2 ** 10,
  entries: 100_000,
};

/** How long a download may wait, in seconds. */
export interface Deadlines {
  /** From the request to the server's answer (connection, TLS, response headers). */
  connect: number;
  /** Between two pieces of archive data: bytes that decompress to nothing do not count. */
  idle: number;
  /** For the whole download, from the request to the last byte. */
  total: number;
}

export const DEFAULT_DEADLINES: Deadlines = { connect: 30, idle: 30, total: 600 };

/** The flag that sets each deadline on `npm run specs -- fetch / update`. */
export const DEADLINE_FLAGS: Record<keyof Deadlines, string> = {
  connect: "--connect-timeout",
  idle: "--idle-timeout",
  total: "--total-timeout",
};

export interface ReleaseLimits {
  archive: ArchiveLimits;
  deadlines: Deadlines;
}

/** Lower limits and deadlines than the defaults (tests), or the deadlines a user gave as flags. */
export interface LimitOptions {
  archive?: Partial<ArchiveLimits>;
  deadlines?: Partial<Deadlines>;
}

/** The defaults, with whatever `overrides` sets. */
export function releaseLimits(overrides: LimitOptions = {}) {
  return {
    archive: { ...DEFAULT_ARCHIVE_LIMITS, ...overrides.archive },
    deadlines: { ...DEFAULT_DEADLINES, ...overrides.deadlines },
  } satisfies ReleaseLimits;
}

/** `1.9 GiB`, `16 MiB`, `64 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
