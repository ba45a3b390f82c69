/**
 * A CommonJS package loaded with the code V8 compiled for it on an earlier run: compiling
 * TypeScript's 9 MB module is most of the half second that loading the renderer costs, and V8 can
 * hand its compiled code over (createCachedData) and take it back. The package is put in `require`'s
 * module cache, so every `require` of it, the renderer's and its libraries', gets this one copy.
 */
import { createHash } from "node:crypto";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { readFileSync } from "node:fs";
import { Script } from "node:vm";
import type { ContentCache } from "./contentCache.js";

const require = createRequire(import.meta.url);
/** An entry is the SHA-256 of V8's data, then the data: a damaged entry is refused, not handed to V8. */
const DIGEST_BYTES = 32;

/** Node's own CommonJS internals that loading a module as `require` does needs. */
const NodeModule = Module as unknown as {
  new (id: string): NodeJS.Module & { filename: string; paths: string[]; loaded: boolean };
  wrap(source: string): string;
  _nodeModulePaths(folder: string): string[];
};

export class CompiledPackage {
  private script: Script | undefined;
  private key = "";

  constructor(
    private readonly cache: ContentCache,
    /** The package as the modules that use it name it (resolved as they resolve it: from beside generator/). */
    private readonly name: string,
  ) {}

  /**
   * Loads the package into `require`'s module cache, unless a module already required it or the
   * cache has no folder to keep its code in (then `require` loads it as usual).
   */
  load(): void {
    // Node's CommonJS internals used below are old but not public: where a Node lacks them, `require` loads it.
    if (!this.cache.enabled || typeof NodeModule.wrap !== "function") return;
    if (typeof NodeModule._nodeModulePaths !== "function") return;
    const file = require.resolve(this.name);
    if (require.cache[file] !== undefined) return;
    const bytes = readFileSync(file);
    // V8 refuses data of another V8 or other flags itself, but takes that of another text of the
    // same length: the key is the text's hash (of its bytes: hashing 9 MB as a string costs more).
    this.key = createHash("sha256").update(`${process.version} ${process.arch} ${file}\0`).update(bytes).digest("hex");
    const source = bytes.toString("utf8");
    const script = new Script(NodeModule.wrap(source), {
      filename: file,
      cachedData: verified(this.cache.readBytes(this.key)),
    });
    const module = new NodeModule(file);
    module.filename = file;
    module.paths = NodeModule._nodeModulePaths(dirname(file));
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    module.loaded = true;
    require.cache[file] = module as NodeJS.Module;
    if (script.cachedDataRejected !== false) this.script = script;
  }

  /**
   * Keeps the code V8 compiled, once the package has done its work (so that the functions it ran
   * are compiled too), if the cache did not have it.
   */
  save(): void {
    if (this.script === undefined) return;
    const data = this.script.createCachedData();
    this.cache.write(this.key, Buffer.concat([digest(data), data]));
    this.script = undefined;
  }
}

function verified(entry: Buffer | undefined): Buffer | undefined {
  if (entry === undefined || entry.length <= DIGEST_BYTES) return undefined;
  const data = entry.subarray(DIGEST_BYTES);
  return digest(data).equals(entry.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

function digest(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}
