import { basename } from "node:path";
import type { Schema, SpecModel } from "../model/types.js";
import type { PlannedFile, ResourcePlan } from "../plan/types.js";
import { readmeView } from "../render/packageViews.js";
import type { HashedSpec } from "./cachedModels.js";
import { contentHash } from "./contentCache.js";
import { unescapeSegment } from "../refs.js";

const SCHEMA_REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;

/**
 * One cache key per planned file, covering exactly what its rendering reads besides the generator
 * (whose fingerprint keys the whole cache): a resource module its plan and the component schemas
 * its `$ref`s reach, so that editing one schema re-renders only the files that show it; the plan
 * of a version, domain or client module; its spec for a schemas module; every spec for the
 * concurrency page; the package identity and services for package.json, what it shows for the
 * README (counts and a quick-start call, cheap to compute); nothing for copied files.
 */
export function renderKeys(planned: readonly PlannedFile[], specs: readonly HashedSpec[]): string[] {
  const hashOf = new Map(specs.map((spec) => [spec.file, spec.hash]));
  const reachable = new Map<SpecModel, ReachableSchemas>();
  const schemasOf = (spec: SpecModel) =>
    reachable.get(spec) ?? reachable.set(spec, new ReachableSchemas(spec)).get(spec)!;
  const inputs = (file: PlannedFile): string[] => {
    switch (file.kind) {
      case "copy":
        return [];
      case "schemas":
        return [hashOf.get(file.spec.file)!];
      case "resource":
        return resourceInputs(file.resource, schemasOf(file.resource.spec));
      case "version":
        return [JSON.stringify(file.version)];
      case "domain":
        return [JSON.stringify(file.domain)];
      case "client":
        return [JSON.stringify([file.domains, file.defaultAccount ?? null])];
      case "concurrency":
        return [...hashOf.values()];
      case "package":
        return [JSON.stringify([file.sdkPackage, file.services])];
      case "readme":
        return [JSON.stringify(readmeView(file.sdkPackage, file.services, file.specs))];
    }
  };
  return planned.map((file) => contentHash(file.kind, file.path, ...inputs(file)));
}

/**
 * The plan without its spec, whose file name only goes into the header. The node's child subtrees
 * are left out too: the module reaches its children through the plan's mounts.
 */
function resourceInputs(plan: ResourcePlan, schemas: ReachableSchemas): string[] {
  const node = { ...plan.node, listChildren: [], instanceChildren: [] };
  const text = JSON.stringify({ ...plan, spec: undefined, node });
  return [basename(plan.spec.file), text, ...schemas.reachedFrom(text)];
}

/** A spec's component schemas as JSON, and the ones a text's `$ref`s reach, directly or not. */
class ReachableSchemas {
  private readonly texts = new Map<string, string>();

  constructor(private readonly spec: SpecModel) {}

  reachedFrom(text: string): string[] {
    const reached = new Set<string>();
    const pending = [text];
    while (pending.length > 0) {
      for (const match of pending.pop()!.matchAll(SCHEMA_REF)) {
        const name = match[1]!;
        if (reached.has(name)) continue;
        reached.add(name);
        pending.push(this.textOf(name));
      }
    }
    return [...reached].sort().map((name) => `${name}=${this.textOf(name)}`);
  }

  private textOf(name: string): string {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const schema: Schema | undefined = this.spec.componentSchemas[unescapeSegment(name)];
    const text = JSON.stringify(schema ?? null);
    this.texts.set(name, text);
    return text;
  }
}
