import { lstatSync, mkdirSync, readdirSync, rmdirSync, type Stats } from "node:fs";
import { join } from "node:path";
import { GeneratorError } from "../util/diagnostics.js";

/** What stands at a path inside the output folder, seen without following any symbolic link. */
export type OutputEntry = { kind: "missing" } | { kind: "file" } | { kind: "blocked"; at: string; problem: string };

/**
 * The output folder seen one path component at a time with `lstat`, so that the generator never
 * reads, writes or deletes through a symbolic link (or a file where it needs a folder) inside it.
 * The folder itself may be a link: the user chose it.
 */
export class OutputTree {
  /** What each path seen holds; folders this tree made hold nothing else it did not put there. */
  private readonly seen = new Map<string, Seen>();
  private readonly made = new Set<string>();

  constructor(readonly out: string) {}

  /** `path` is relative to the output folder, with `/` between its parts. */
  entry(path: string): OutputEntry {
    const parts = pathParts(path);
    let current = this.out;
    for (const [index, part] of parts.entries()) {
      const parent = current;
      current = join(current, part);
      const seen = this.look(parent, current);
      if (seen === "missing") return { kind: "missing" };
      if (seen === "link") return { kind: "blocked", at: current, problem: "is a symbolic link" };
      const last = index === parts.length - 1;
      if (!last && seen !== "folder")
        return { kind: "blocked", at: current, problem: "is a file where the SDK has a folder" };
      if (last && seen !== "file")
        return { kind: "blocked", at: current, problem: "is not a regular file where the SDK has one" };
    }
    return { kind: "file" };
  }

  /** Creates the missing folders of `path`'s parent one by one (never through a link: `entry` vetted them). */
  makeParents(path: string): void {
    const parts = pathParts(path).slice(0, -1);
    let current = this.out;
    for (const part of parts) {
      const parent = current;
      current = join(current, part);
      if (this.look(parent, current) !== "missing") continue;
      mkdirSync(current);
      this.seen.set(current, "folder");
      this.made.add(current);
    }
  }

  /** Notes that the generator put a file at `path` (renamed it into place), which needs no second look. */
  placed(path: string): void {
    this.seen.set(join(this.out, ...pathParts(path)), "file");
  }

  /** Removes the folders above a removed file that it left empty, up to the output folder. */
  removeEmptyParents(path: string): void {
    for (let parts = pathParts(path).slice(0, -1); parts.length > 0; parts = parts.slice(0, -1)) {
      const folder = join(this.out, ...parts);
      if (readdirSync(folder).length > 0) return;
      rmdirSync(folder);
      this.seen.set(folder, "missing");
      this.made.delete(folder);
    }
  }

  /** What stands at `path` (in `parent`): inside a folder this tree made, only what it put there. */
  private look(parent: string, path: string): Seen {
    let seen = this.seen.get(path);
    if (seen === undefined) {
      seen = this.made.has(parent) ? "missing" : seenAt(path);
      this.seen.set(path, seen);
    }
    return seen;
  }
}

type Seen = "missing" | "folder" | "file" | "link" | "other";

function seenAt(path: string): Seen {
  const stats = lstatOrUndefined(path);
  if (stats === undefined) return "missing";
  if (stats.isSymbolicLink()) return "link";
  return stats.isDirectory() ? "folder" : stats.isFile() ? "file" : "other";
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new GeneratorError(
      { file: path },
      `cannot be inspected (${(error as NodeJS.ErrnoException).code})`,
      "make the output folder readable, or choose another --out",
    );
  }
}

/** The parts of a relative output path; a path that could leave the folder is refused. */
function pathParts(path: string): string[] {
  if (!isPlainPath(path)) {
    throw new GeneratorError(
      { file: path },
      "is not a plain relative path inside the output folder",
      "name output files by relative paths without '.', '..' or empty parts",
    );
  }
  return path.split("/");
}

/** Whether `path` is relative and cannot leave the folder it is taken in: no empty, `.` or `..` part. */
export function isPlainPath(path: string): boolean {
  return path.split("/").every((part) => part !== "" && part !== "." && part !== ".." && !part.includes("\\"));
}
