import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";
import { fitsWidth } from "./codeLayout.js";
import {
  docComment,
  identifier,
  markdownCode,
  markdownText,
  memberAccess,
  propertyKey,
  stringLiteral,
} from "./escape.js";

export type TemplateName =
  "resource" | "version" | "domain" | "client" | "schemas" | "concurrency" | "package" | "readme";

/** Loads the handlebars templates and partials once; templates hold the shape of every emitted file. */
export function loadTemplates(folder: string): Record<TemplateName, Handlebars.TemplateDelegate> {
  const handlebars = Handlebars.create();
  // The escaping rule of each output context (escape.ts); templates interpolate spec values only through these.
  handlebars.registerHelper("str", (value: unknown) => stringLiteral(text(value, "str")));
  handlebars.registerHelper("key", (name: unknown) => propertyKey(text(name, "key")));
  handlebars.registerHelper("access", (object: string, name: unknown) => memberAccess(object, text(name, "access")));
  handlebars.registerHelper("id", (name: unknown) => identifier(text(name, "id")));
  handlebars.registerHelper("jsdoc", (value: unknown, indent: unknown) =>
    docComment(typeof value === "string" ? value : undefined, typeof indent === "number" ? indent : 0),
  );
  handlebars.registerHelper("code", (value: unknown) => markdownCode(text(value, "code")));
  handlebars.registerHelper("text", (value: unknown) => markdownText(text(value, "text")));
  handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper("join", (names: string[]) => names.join(", "));
  // Both layouts live in the template; the width decides, as it decides for prettier.
  handlebars.registerHelper("fits", function (this: unknown, options: Handlebars.HelperOptions) {
    const text = options.fn(this);
    return fitsWidth(text) ? text : options.inverse(this);
  });
  // A class body's members each open with a blank line; the first one does not.
  handlebars.registerHelper("members", function (this: unknown, options: Handlebars.HelperOptions) {
    return options.fn(this).replace(/^\n+/, "");
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

/** A helper's argument must be text: anything else means a template reads a field that is not there. */
function text(value: unknown, helper: string): string {
  if (typeof value !== "string") throw new Error(`internal: template helper ${helper} given ${typeof value}`);
  return value;
}
