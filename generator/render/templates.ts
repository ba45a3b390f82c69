import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";
import { fitsWidth, memberAccess, propertyKey } from "./codeLayout.js";

export type TemplateName =
  "resource" | "version" | "domain" | "client" | "schemas" | "concurrency" | "package" | "readme";

/** Loads the handlebars templates and partials once; templates hold the shape of every emitted file. */
export function loadTemplates(folder: string): Record<TemplateName, Handlebars.TemplateDelegate> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
  handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper("jsdoc", (text: unknown, indent: unknown) =>
    jsdoc(typeof text === "string" ? text : undefined, typeof indent === "number" ? indent : 0),
  );
  handlebars.registerHelper("key", (name: string) => propertyKey(name));
  handlebars.registerHelper("access", (object: string, name: string) => memberAccess(object, name));
  handlebars.registerHelper("join", (names: string[]) => names.join(", "));
  // Both layouts live in the template; the width decides, as it decides for prettier.
  handlebars.registerHelper("fits", function (this: unknown, options: Handlebars.HelperOptions) {
    const text = options.fn(this);
    return fitsWidth(text) ? text : options.inverse(this);
  });
  const partials = join(folder, "partials");
  for (const file of readdirSync(partials).sort()) {
    handlebars.registerPartial(basename(file, ".hbs"), readFileSync(join(partials, file), "utf8"));
  }
  const compile = (name: TemplateName, extension = "ts") =>
    handlebars.compile(readFileSync(join(folder, `${name}.${extension}.hbs`), "utf8"), {
      noEscape: true,
      strict: false,
    });
  return {
    resource: compile("resource"),
    version: compile("version"),
    domain: compile("domain"),
    client: compile("client"),
    schemas: compile("schemas"),
    concurrency: compile("concurrency", "md"),
    package: compile("package", "json"),
    readme: compile("readme", "md"),
  };
}

/**
 * A doc comment from spec prose, laid out as prettier keeps it at `indent` columns; `*\/` inside
 * the prose must not end the comment early.
 */
export function jsdoc(text: string | undefined, indent = 0): string {
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split(/\r?\n/);
  const margin = " ".repeat(indent);
  return lines.length === 1
    ? `/** ${lines[0]!.trim()} */`
    : `/**\n${lines.map((line) => `${margin} * ${line}`.trimEnd()).join("\n")}\n${margin} */`;
}
