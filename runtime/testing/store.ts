/**
 * The double's instances: per collection (a resource under one parent), in creation order, each
 * with a version that moves on every write. Entries are keyed by the decoded path values.
 */
import type { FieldData } from "./data.js";
import { fillPath, type Resource } from "./routes.js";

/** One stored instance, as tests read it: a copy. */
export interface StoredInstance {
  /** Its URL on its Twilio host: `https://taskrouter.twilio.com/v1/Workspaces/WS.../Tasks/WT...`. */
  url: string;
  /** The response fields, named as in the API's JSON (`friendly_name`). */
  fields: Record<string, unknown>;
  /** 1 when created, one more on every write. */
  version: number;
  /** The ETag of this version (opaque text: compare it, never parse it). */
  etag: string;
}

export interface Entry {
  resource: Resource;
  /** The parent path values in template order, then the key. */
  values: Map<string, string>;
  key: string;
  fields: Record<string, unknown>;
  version: number;
}

/** The ETag of a version: opaque to clients, strong, so that If-Match compares it exactly. */
export function etagOf(entry: Entry): string {
  return `"${entry.version}"`;
}

export function instancePath(entry: Entry): string {
  return fillPath(entry.resource.data.instance!, entry.values);
}

export function snapshot(entry: Entry): StoredInstance {
  return {
    url: `https://${entry.resource.data.host}.twilio.com${instancePath(entry)}`,
    fields: structuredClone(entry.fields),
    version: entry.version,
    etag: etagOf(entry),
  };
}

/** The names of a path template's parameters, in order. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((found) => found[1]!);
}

/** A collection: the instances of one resource under one parent. */
interface Collection {
  resource: Resource;
  parent: readonly string[];
  members: Map<string, Entry>;
}

export class InstanceStore {
  readonly #collections = new Map<string, Collection>();

  /** The instances of `resource` under the parent path values `parent` (template order). */
  collection(resource: Resource, parent: readonly string[]): Map<string, Entry> {
    const id = `${resource.index}|${parent.map(encodeURIComponent).join("/")}`;
    let found = this.#collections.get(id);
    if (found === undefined) {
      found = { resource, parent: [...parent], members: new Map() };
      this.#collections.set(id, found);
    }
    return found.members;
  }

  /** The instance of `key`, or the one whose `unique_name` is `key` (Twilio accepts either in a path). */
  find(resource: Resource, parent: readonly string[], key: string): Entry | undefined {
    const members = this.collection(resource, parent);
    const byKey = members.get(key);
    if (byKey !== undefined || !resource.fields.some((field) => field.name === "unique_name")) return byKey;
    for (const entry of members.values()) if (entry.fields.unique_name === key) return entry;
    return undefined;
  }

  add(entry: Entry, parent: readonly string[]): void {
    this.collection(entry.resource, parent).set(entry.key, entry);
  }

  /** Removes the instance and, as Twilio does, everything below it (a Workspace's Tasks and their Reservations). */
  remove(entry: Entry, parent: readonly string[]): void {
    this.replace(entry, parent);
    const below = `${bareTemplate(entry.resource.data.instance!)}/`;
    const values = [...entry.values.values()];
    for (const [id, collection] of this.#collections) {
      const list = collection.resource.data.list;
      if (list === undefined || collection.resource.data.host !== entry.resource.data.host) continue;
      const under =
        bareTemplate(list).startsWith(below) && values.every((value, index) => collection.parent[index] === value);
      if (under) this.#collections.delete(id);
    }
  }

  /** Removes the instance alone, for one stored in its place. */
  replace(entry: Entry, parent: readonly string[]): void {
    this.collection(entry.resource, parent).delete(entry.key);
  }

  clear(): void {
    this.#collections.clear();
  }
}

/** A path template with its parameters unnamed and no `.json`: `/v1/Workspaces/{}/Tasks`. */
function bareTemplate(template: string): string {
  return template.replace(/\{[^}]+\}/g, "{}").replace(/\.json$/, "");
}

/** A resource's field of `name`, if it has one. */
export function fieldOf(resource: Resource, name: string): FieldData | undefined {
  return resource.fields.find((field) => field.name === name);
}
