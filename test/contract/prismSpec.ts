/**
 * The document Prism is given for a spec. Prism 5.14 does not apply OpenAPI 3.0's default
 * encoding of `application/x-www-form-urlencoded` bodies to arrays (style `form`, explode `true`:
 * `StatusCallbackEvent=initiated&StatusCallbackEvent=ringing`, which is also what Twilio takes):
 * without an explicit `encoding` entry it refuses `A=x` and `A=x&A=y` alike with "must be array"
 * (stoplightio/prism issue 2473). For a spec with such fields, Prism gets a temporary copy in which
 * exactly those defaults are written out, `encoding: { Field: { style: form, explode: true } }`;
 * nothing else changes, so the copy means what the published spec means. Specs without array
 * form fields are given to Prism as they are.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";

type Json = Record<string, unknown>;

const FORM = "application/x-www-form-urlencoded";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface PrismDocument {
  /** The file to give Prism: the spec itself, or the copy in `tempDir`. */
  file: string;
  /** `METHOD path Field` for each form array whose default encoding was written out. */
  explicitEncodings: string[];
}

function loadDocument(specFile: string, text = readFileSync(specFile, "utf8")): Json {
  return (specFile.endsWith(".json") ? JSON.parse(text) : parse(text, { maxAliasCount: -1 })) as Json;
}

/**
 * Where the response Prism refused to send came from: the spec's own example (`spec`: a spec
 * defect), or Prism's static sample for a response without one (`prism`: Prism's sampler ignores
 * `pattern`, so it violates any patterned field). Parses the spec only when there is something to
 * classify.
 */
export function classifyExampleDefects(
  specFile: string,
  outcomes: readonly {
    method: string;
    path: string;
    status?: number;
    exampleDefect?: string;
    exampleOrigin?: string;
  }[],
): void {
  const defective = outcomes.filter((outcome) => outcome.exampleDefect !== undefined);
  if (defective.length === 0) return;
  const paths = (loadDocument(specFile).paths ?? {}) as Record<string, Record<string, Json>>;
  for (const outcome of defective) {
    const responses = (paths[outcome.path]?.[outcome.method.toLowerCase()]?.responses ?? {}) as Record<string, Json>;
    const content = (responses[String(outcome.status)]?.content ?? {}) as Record<string, Json>;
    const media = content["application/json"] ?? Object.values(content)[0];
    const hasExample = media !== undefined && (media.example !== undefined || media.examples !== undefined);
    outcome.exampleOrigin = hasExample ? "spec" : "prism";
  }
}

export function prismDocument(specFile: string, tempDir: string): PrismDocument {
  const text = readFileSync(specFile, "utf8");
  // Only a spec with an array in a form body needs the copy; most can skip parsing.
  if (!text.includes(FORM) || !/type:\s*array|"type":\s*"array"/.test(text)) {
    return { file: specFile, explicitEncodings: [] };
  }
  const document = loadDocument(specFile, text);
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const resolve = (schema: Json | undefined): Json | undefined => {
    let current = schema;
    for (let hops = 0; current && typeof current.$ref === "string" && hops < 32; hops++) {
      current = schemas[(current.$ref as string).replace("#/components/schemas/", "")];
    }
    return current;
  };
  const explicitEncodings: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      const media = ((operation?.requestBody as Json | undefined)?.content as Json | undefined)?.[FORM] as
        Json | undefined;
      const properties = resolve(media?.schema as Json | undefined)?.properties as Record<string, Json> | undefined;
      if (media === undefined || properties === undefined) continue;
      for (const [name, property] of Object.entries(properties)) {
        if (resolve(property)?.type !== "array") continue;
        const encoding = (media.encoding ??= {}) as Record<string, Json>;
        if (encoding[name] !== undefined) continue;
        encoding[name] = { style: "form", explode: true };
        explicitEncodings.push(`${method.toUpperCase()} ${path} ${name}`);
      }
    }
  }
  if (explicitEncodings.length === 0) return { file: specFile, explicitEncodings };
  const file = join(tempDir, `${basename(specFile).replace(/\.(ya?ml|json)$/, "")}.json`);
  writeFileSync(file, JSON.stringify(document));
  return { file, explicitEncodings };
}
