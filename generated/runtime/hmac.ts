// SHA-1, SHA-2 and HMAC (RFC 3174, FIPS 180-4, RFC 2104), computed synchronously in plain
// TypeScript: webhook validation and token signing keep twilio-node's synchronous signatures (a
// Promise would be truthy in `if (validateRequest(...))`), and WebCrypto is asynchronous while
// node:crypto is not in every runtime. Inputs are a webhook or a token: small, so speed matters little.

export type HashName = "sha1" | "sha256" | "sha384" | "sha512";

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text` (lone surrogates become U+FFFD, as Node's Buffer.from does). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The digest of `data` under `hash`. */
export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  if (hash === "sha1") return sha1(data);
  if (hash === "sha256") return sha256(data);
  return hash === "sha512" ? sha512(data, SHA512_INITIAL, 64) : sha512(data, SHA384_INITIAL, 48);
}

/** HMAC of `message` with `key` (RFC 2104). */
export function hmac(hash: HashName, key: Uint8Array, message: Uint8Array): Uint8Array {
  const size = hash === "sha384" || hash === "sha512" ? 128 : 64;
  const block = new Uint8Array(size);
  block.set(key.length > size ? digest(hash, key) : key);
  const inner = new Uint8Array(size + message.length);
  const innerDigest = (() => {
    for (let i = 0; i < size; i++) inner[i] = block[i]! ^ 0x36;
    inner.set(message, size);
    return digest(hash, inner);
  })();
  const outer = new Uint8Array(size + innerDigest.length);
  for (let i = 0; i < size; i++) outer[i] = block[i]! ^ 0x5c;
  outer.set(innerDigest, size);
  return digest(hash, outer);
}

/** The message padded to whole blocks (64 or 128 bytes), its bit length at the end (big-endian). */
function padded(data: Uint8Array, blockSize = 64): DataView {
  const lengthField = blockSize / 8;
  const length = Math.ceil((data.length + 1 + lengthField) / blockSize) * blockSize;
  const bytes = new Uint8Array(length);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, Math.floor(data.length / 0x20000000));
  view.setUint32(length - 4, (data.length * 8) >>> 0);
  return view;
}

function wordsToBytes(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, index) => view.setUint32(index * 4, word));
  return bytes;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function sha1(data: Uint8Array): Uint8Array {
  const view = padded(data);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let offset = 0; offset < view.byteLength; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const [f, k] =
        t < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : t < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : t < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const next = (rotl(a, 5) + f + e + k + w[t]!) | 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, next];
    }
    [a, b, c, d, e].forEach((value, index) => (h[index] = (h[index]! + value) | 0));
  }
  return wordsToBytes(h);
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

function sha256(data: Uint8Array): Uint8Array {
  const view = padded(data);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  for (let offset = 0; offset < view.byteLength; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15]!, 7) ^ rotr(w[t - 15]!, 18) ^ (w[t - 15]! >>> 3);
      const s1 = rotr(w[t - 2]!, 17) ^ rotr(w[t - 2]!, 19) ^ (w[t - 2]! >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((value, index) => (h[index] = (h[index]! + value) | 0));
  }
  return wordsToBytes(h);
}

// SHA-512 and SHA-384 on 64-bit words, as BigInts: a token's few blocks make their cost irrelevant.
const MASK = (1n << 64n) - 1n;
const rotr64 = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK;
const SHA512_INITIAL = [
  "6a09e667f3bcc908",
  "bb67ae8584caa73b",
  "3c6ef372fe94f82b",
  "a54ff53a5f1d36f1",
  "510e527fade682d1",
  "9b05688c2b3e6c1f",
  "1f83d9abfb41bd6b",
  "5be0cd19137e2179",
].map((word) => BigInt(`0x${word}`));
const SHA384_INITIAL = [
  "cbbb9d5dc1059ed8",
  "629a292a367cd507",
  "9159015a3070dd17",
  "152fecd8f70e5939",
  "67332667ffc00b31",
  "8eb44a8768581511",
  "db0c2e0d64f98fa7",
  "47b5481dbefa4fa4",
].map((word) => BigInt(`0x${word}`));
/**
 * SHA-512's round constants, the first 64 bits of the fractional cube roots of the first 80
 * primes: computed on first use, so importing the SDK costs nothing for them.
 */
let roundConstants: bigint[] | undefined;
const k512 = () => (roundConstants ??= firstPrimes(80).map((prime) => fractionBits(Math.cbrt(prime), prime)));

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
}

/** The first 64 bits of the fraction of ∛prime, exactly: refined with integer arithmetic from a float guess. */
function fractionBits(estimate: number, prime: number): bigint {
  // floor(∛prime · 2^64) is the largest x with x³ ≤ prime · 2^192; Newton-free search from the estimate.
  const target = BigInt(prime) << 192n;
  let x = BigInt(Math.floor(estimate * 2 ** 32)) << 32n;
  for (let step = 1n << 40n; step > 0n; step >>= 1n) {
    while ((x + step) ** 3n <= target) x += step;
    while (x ** 3n > target) x -= step;
  }
  return x & MASK;
}

function sha512(data: Uint8Array, initial: readonly bigint[], outputBytes: number): Uint8Array {
  const view = padded(data, 128);
  const k = k512();
  const h = [...initial];
  const w = new Array<bigint>(80);
  for (let offset = 0; offset < view.byteLength; offset += 128) {
    for (let t = 0; t < 16; t++) w[t] = view.getBigUint64(offset + t * 8);
    for (let t = 16; t < 80; t++) {
      const s0 = rotr64(w[t - 15]!, 1n) ^ rotr64(w[t - 15]!, 8n) ^ (w[t - 15]! >> 7n);
      const s1 = rotr64(w[t - 2]!, 19n) ^ rotr64(w[t - 2]!, 61n) ^ (w[t - 2]! >> 6n);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) & MASK;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const sum1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const t1 = (hh + sum1 + ((e & f) ^ (~e & MASK & g)) + k[t]! + w[t]!) & MASK;
      const t2 = ((rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & MASK;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) & MASK, c, b, a, (t1 + t2) & MASK];
    }
    [a, b, c, d, e, f, g, hh].forEach((value, index) => (h[index] = (h[index]! + value) & MASK));
  }
  const bytes = new Uint8Array(64);
  const out = new DataView(bytes.buffer);
  h.forEach((word, index) => out.setBigUint64(index * 8, word));
  return bytes.slice(0, outputBytes);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (RFC 4648 section 4). */
export function base64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    text += BASE64[n >>> 18]! + BASE64[(n >>> 12) & 63]!;
    text += b === undefined ? "=" : BASE64[(n >>> 6) & 63]!;
    text += c === undefined ? "=" : BASE64[n & 63]!;
  }
  return text;
}

/** Lower-case hexadecimal. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Whether two strings are equal, in a time that depends on their lengths only. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = utf8(a);
  const right = utf8(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ (right[i % Math.max(right.length, 1)] ?? 0);
  return difference === 0;
}
