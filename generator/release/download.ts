import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { DEADLINE_FLAGS, type Deadlines, type ReleaseLimits } from "./limits.js";
import { readTarball, reason, SourceError, type ReleaseFiles } from "./sources.js";

/**
 * The release tarball at `url` (GitHub's source archive of a tag, or a server standing in for it), read
 * as it arrives, within the connect, idle and total deadlines. A deadline that runs out fails the
 * download with the URL and the deadline named; nothing is kept.
 */
export async function downloadTarball(url: string, folder: string, limits: ReleaseLimits): Promise<ReleaseFiles> {
  const deadline = new DownloadDeadline(limits.deadlines);
  try {
    let response: Response;
    try {
      response = await fetch(url, { redirect: "follow", signal: deadline.signal });
    } catch (error) {
      throw new SourceError(url, `cannot connect: ${reason(error)}`);
    }
    deadline.answered();
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new SourceError(url, `HTTP ${response.status} ${response.statusText}`.trim());
    }
    const body = Readable.fromWeb(response.body as ReadableStream);
    return await readTarball(body, {
      origin: url,
      folder,
      exact: false,
      limits: limits.archive,
      onProgress: () => deadline.progress(),
    });
  } catch (error) {
    if (deadline.expired !== undefined) throw new SourceError(url, deadline.expired, undefined, true);
    throw error;
  } finally {
    deadline.clear();
  }
}

/**
 * The three deadlines of one download. Idle means no archive data: the time since the last decompressed
 * byte, so a server that keeps sending bytes which decompress to nothing (empty deflate blocks) is idle.
 */
class DownloadDeadline {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  /** What ran out, as the error says it; undefined while the download is in time. */
  expired?: string;
  private readonly total: NodeJS.Timeout;
  private connect?: NodeJS.Timeout;
  private idle?: NodeJS.Timeout;
  private lastProgress = 0;

  constructor(private readonly deadlines: Deadlines) {
    this.total = setTimeout(() => this.expire("total"), deadlines.total * 1000);
    this.connect = setTimeout(() => this.expire("connect"), deadlines.connect * 1000);
  }

  /** The server answered: the connect deadline is met, the idle one starts. */
  answered(): void {
    clearTimeout(this.connect);
    this.progress();
    this.watchIdle(this.deadlines.idle * 1000);
  }

  progress(): void {
    this.lastProgress = performance.now();
  }

  clear(): void {
    for (const timer of [this.total, this.connect, this.idle]) clearTimeout(timer);
  }

  /** One timer for the whole download, set again from the last progress when it fires early. */
  private watchIdle(wait: number): void {
    this.idle = setTimeout(() => {
      const left = this.deadlines.idle * 1000 - (performance.now() - this.lastProgress);
      if (left > 1) this.watchIdle(left);
      else this.expire("idle");
    }, wait);
  }

  private expire(which: keyof Deadlines): void {
    if (this.expired !== undefined) return;
    const seconds = this.deadlines[which];
    const what = {
      connect: `no answer within ${seconds} s`,
      idle: `stalled: no archive data for ${seconds} s`,
      total: `not complete within ${seconds} s`,
    }[which];
    this.expired = `${what} (the ${which} deadline; ${DEADLINE_FLAGS[which]} SECONDS allows more)`;
    this.controller.abort(new Error(this.expired));
  }
}
