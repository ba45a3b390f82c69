import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";

export type TemplateName = "resource" | "version" | "domain" | "client" | "schemas";

/** Loads the handlebars templates and partials once; templates hold the shape of every emitted file. */
export function loadTemplates(folder: string): Record<TemplateName, Handlebars.TemplateDelegate> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
  handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper("jsdoc", (text: unknown) => jsdoc(typeof text === "string" ? text : undefined));
  const partials = join(folder, "partials");
  for (const file of readdirSync(partials).sort()) {
    handlebars.registerPartial(basename(file, ".hbs"), readFileSync(join(partials, file), "utf8"));
  }
  const compile = (name: TemplateName) =>
    handlebars.compile(readFileSync(join(folder, `${name}.ts.hbs`), "utf8"), { noEscape: true, strict: false });
  return {
    resource: compile("resource"),
    version: compile("version"),
    domain: compile("domain"),
    client: compile("client"),
    schemas: compile("schemas"),
  };
}

/** A doc comment from spec prose; `*\/` inside it must not end the comment early. */
export function jsdoc(text: string | undefined): string {
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split(/\r?\n/);
  return lines.length === 1
    ? `/** ${lines[0]} */`
    : `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */`;
}
