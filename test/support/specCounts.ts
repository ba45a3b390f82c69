/** Facts about a folder of specs, counted from the YAML rather than by the generator under test. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** Our own feature specs (test/fixtures/specs). */
export const FIXTURE_SPECS = resolve("test/fixtures/specs");

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Node = Record<string, unknown>;

/** What a folder of specs holds, counted by a walk of the YAML independent of the generator's loader and model. */
export function countSpecs(folder: string) {
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  let operations = 0;
  const ifMatch: { spec: string; operationId: unknown }[] = [];
  let etagResponses = 0;
  for (const file of files) {
    const document = parse(readFileSync(join(folder, file), "utf8"), { maxAliasCount: -1 }) as Node;
    // Only local refs appear in Twilio's specs: follow `#/a/b` through the document itself.
    const deref = (node: unknown): Node => {
      const ref = (node as Node)?.$ref;
      if (typeof ref !== "string") return (node ?? {}) as Node;
      const parts = ref.replace(/^#\//, "").split("/");
      return deref(
        parts.reduce<unknown>((at, key) => (at as Node)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document),
      );
    };
    for (const pathItem of Object.values((document.paths ?? {}) as Record<string, Node>)) {
      for (const method of HTTP_METHODS.filter((name) => pathItem[name] !== undefined)) {
        const operation = pathItem[method] as Node;
        operations++;
        const parameters = [
          ...((pathItem.parameters ?? []) as unknown[]),
          ...((operation.parameters ?? []) as unknown[]),
        ];
        if (parameters.map(deref).some((p) => p.in === "header" && String(p.name).toLowerCase() === "if-match")) {
          ifMatch.push({ spec: file.replace(/\.ya?ml$/, ""), operationId: operation.operationId });
        }
        for (const response of Object.values((operation.responses ?? {}) as Node).map(deref)) {
          const headers = Object.keys((response.headers ?? {}) as Node);
          if (headers.some((name) => name.toLowerCase() === "etag")) etagResponses++;
        }
      }
    }
  }
  return { specs: files.length, operations, ifMatch, etagResponses };
}
