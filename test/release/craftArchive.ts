import { Readable } from "node:stream";
import { constants, gzipSync } from "node:zlib";
import { FIXTURE_FILES, FIXTURE_TAG } from "./releaseFixtures.js";

/**
 * Tar and gzip bytes made by hand, for archives no tar program writes: bombs, huge headers, unsafe
 * entries. Headers are ustar (sizes in octal, so below 8 GiB); gzip streams may be several members,
 * which gunzip reads as one stream, so a bomb is one small member repeated.
 */

export const TOP = `twilio-oai-${FIXTURE_TAG}`;
export const SPECS = `${TOP}/spec/yaml`;

export interface Entry {
  name: string;
  /** The ustar type flag: 0 file, 1 hard link, 2 symbolic link, 3 character device, 5 folder, L GNU long name, x pax. */
  type?: string;
  /** The size the header declares; default: the body's. */
  size?: number;
  body?: Buffer | string;
  linkname?: string;
}

/** One 512-byte ustar header. */
export function header({ name, type = "0", size, body, linkname = "" }: Entry): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, "utf8");
  block.write("0000644\0", 100);
  block.write("0000000\0", 108);
  block.write("0000000\0", 116);
  const length = size ?? Buffer.byteLength(body ?? "");
  block.write(`${length.toString(8).padStart(11, "0")}\0`, 124);
  block.write("14712345670\0", 136);
  block.write(type, 156);
  block.write(linkname, 157);
  block.write("ustar\0" + "00", 257);
  block.fill(" ", 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

/** Headers of `count` entries of one type and no body, named by `name(index)`: fast, from one template. */
export function headers(count: number, type: string, name: (index: number) => string): Buffer {
  const template = header({ name: "", type });
  const emptyNameSum = parseInt(template.subarray(148, 154).toString(), 8);
  const blocks = Buffer.alloc(count * 512);
  for (let index = 0; index < count; index++) {
    const block = blocks.subarray(index * 512, index * 512 + 512);
    template.copy(block);
    const written = block.write(name(index), 0, 100, "utf8");
    let sum = emptyNameSum;
    for (let at = 0; at < written; at++) sum += block[at]!;
    block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  }
  return blocks;
}

/** A header and its body, padded to whole blocks. */
export function entry(spec: Entry): Buffer {
  const body = Buffer.from(spec.body ?? "");
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header(spec), body, padding]);
}

/** A pax extended header's records: `<length> <key>=<value>\n`, the length counting the whole record. */
export function paxRecords(records: Record<string, string>): string {
  return Object.entries(records)
    .map(([key, value]) => {
      const record = ` ${key}=${value}\n`;
      let length = Buffer.byteLength(record) + 1;
      while (String(length).length + Buffer.byteLength(record) !== length) length++;
      return `${length}${record}`;
    })
    .join("");
}

/** The two zero blocks that end an archive. */
export const END = Buffer.alloc(1024);

/** The fixture release's entries in GitHub's layout, before anything the test adds. */
export function releaseEntries(files: Record<string, string> = FIXTURE_FILES): Buffer[] {
  const names = Object.keys(files).filter((name) => `${SPECS}/${name}`.length <= 100);
  return [
    entry({ name: `${TOP}/`, type: "5" }),
    entry({ name: `${SPECS}/`, type: "5" }),
    ...names.map((name) => entry({ name: `${SPECS}/${name}`, body: files[name] })),
  ];
}

/** The fixture files whose names fit a ustar header, as the lock of a crafted release names them. */
export function craftedFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(FIXTURE_FILES).filter(([name]) => `${SPECS}/${name}`.length <= 100));
}

export function gzip(...parts: Buffer[]): Buffer {
  return gzipSync(Buffer.concat(parts));
}

/** 16 MiB of zeros, compressed once (about 16 KB): the bomb's repeated member. */
const ZEROS = 16 * 2 ** 20;
let zerosMember: Buffer | undefined;
export function zerosGzip(): Buffer {
  zerosMember ??= gzipSync(Buffer.alloc(ZEROS), { level: constants.Z_BEST_COMPRESSION });
  return zerosMember;
}

/**
 * A gzip stream of `before`, then an entry named `name` declaring `zeros` bytes (a multiple of 16 MiB) of
 * zeros, then `after`: made lazily, and counting what the reader pulled from it.
 */
export function zerosBomb(
  name: string,
  zeros: number,
  before: Buffer[] = [],
  after: Buffer[] = [END],
): { stream: Readable; pulled: () => number; bytes: () => Buffer } {
  const members = [gzip(...before, header({ name, size: zeros })), ...Array(zeros / ZEROS).fill(null), gzip(...after)];
  let pulled = 0;
  let next = 0;
  const member = (index: number): Buffer => members[index] ?? zerosGzip();
  const stream = new Readable({
    read() {
      if (next === members.length) return void this.push(null);
      const chunk = member(next++);
      pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, pulled: () => pulled, bytes: () => Buffer.concat(members.map((_, index) => member(index))) };
}
