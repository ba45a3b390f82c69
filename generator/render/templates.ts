import { existsSync } from "node:fs";
import { basename } from "node:path";
import Handlebars from "handlebars";
import { breakAfter, fluid, ITEM, layOut, list, union, type ListLayout } from "./codeLayout.js";
import type {
  ClientView,
  ConcurrencyView,
  DomainView,
  DoubleDataView,
  DoubleView,
  HostsView,
  PackageView,
  ReadmeView,
  RecursiveTypeView,
  ResourceView,
  SchemasView,
  VersionView,
} from "../plan/views.js";
import {
  docComment,
  identifier,
  markdownCode,
  markdownText,
  memberAccess,
  propertyKey,
  stringLiteral,
} from "./escape.js";
import { PRECOMPILED_MODULE, readTemplateSources, TEMPLATE_OPTIONS } from "./templateSources.mjs";

export type TemplateName =
  | "resource"
  | "version"
  | "domain"
  | "client"
  | "hosts"
  | "schemas"
  | "concurrency"
  | "package"
  | "readme"
  | "double"
  | "doubleData"
  | "doubleCli";

/** A TypeScript module's view with its header comment, which names the spec it comes from. */
export type Headed<View> = View & { header: string };

/** What each template renders: its view (plan/views.ts) with its types and values written out as code (renderFiles.ts). */
export interface TemplateViews {
  resource: Headed<ResourceView<string, string>>;
  version: Headed<VersionView>;
  domain: Headed<DomainView>;
  client: Headed<ClientView>;
  hosts: Headed<HostsView>;
  schemas: Headed<
    Pick<SchemasView, "doc"> & { components: string; recursiveTypes: (RecursiveTypeView & { type: string })[] }
  >;
  concurrency: ConcurrencyView;
  package: PackageView;
  readme: Omit<ReadmeView, "services"> & { servicesTable: string };
  double: Headed<DoubleView>;
  doubleData: Headed<DoubleDataView>;
  doubleCli: Headed<Pick<DoubleView, "engineImport">>;
}

/** Each template as a function of its view. */
export type Templates = { [Name in TemplateName]: (view: TemplateViews[Name]) => string };

/** The templates as handlebars precompiles them (templateSources.mjs), with the texts they come from. */
interface Precompiled {
  sources: Record<string, string>;
  specs: Record<string, TemplateSpecification>;
}

/**
 * The templates precompiled by the generator's build, beside this module: compiling them takes a
 * tenth of a second at every run. Absent where the TypeScript sources run as they are (tests).
 */
const PRECOMPILED = new URL(`./${PRECOMPILED_MODULE}`, import.meta.url);
const precompiled: Precompiled | undefined = existsSync(PRECOMPILED) ? await import(PRECOMPILED.href) : undefined;

/**
 * Loads the handlebars templates and partials once; templates hold the shape of every emitted file.
 * A TypeScript template's text comes laid out at the print width (codeLayout.ts).
 */
export function loadTemplates(folder: string): Templates {
  const handlebars = Handlebars.create();
  const sources = readTemplateSources(folder);
  /** The template being rendered, which errors name. */
  let rendering = "";
  // Precompiled templates serve only the very texts they were compiled from.
  const specs = precompiled && sameTexts(precompiled.sources, sources) ? precompiled.specs : undefined;
  const compiled = (file: string): Handlebars.TemplateDelegate => {
    const source = sources[file];
    if (source === undefined) throw new Error(`internal: template ${file} is missing from ${folder}`);
    return specs ? handlebars.template(specs[file]!) : handlebars.compile(source, { ...TEMPLATE_OPTIONS });
  };
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
  // A partial's context made of its named arguments alone, `{{> partial (args a=b)}}`: given as
  // `{{> partial a=b}}`, handlebars copies the whole context around the call into the partial's.
  handlebars.registerHelper("args", (options: Handlebars.HelperOptions) =>
    requireFields(options.hash as object, rendering, "args"),
  );
  // The constructs whose layout depends on the width (codeLayout.ts): each written once, laid out after rendering.
  handlebars.registerHelper("sep", () => ITEM);
  handlebars.registerHelper(
    "list",
    function (this: unknown, open: unknown, close: unknown, options: Handlebars.HelperOptions) {
      return list(text(open, "list"), text(close, "list"), options.fn(this), listLayout(options.hash));
    },
  );
  handlebars.registerHelper("union", function (this: unknown, options: Handlebars.HelperOptions) {
    return union(options.fn(this));
  });
  handlebars.registerHelper("breakAfter", function (this: unknown, options: Handlebars.HelperOptions) {
    return breakAfter(options.fn(this));
  });
  handlebars.registerHelper("fluid", function (this: unknown, options: Handlebars.HelperOptions) {
    return fluid(options.fn(this));
  });
  // A class body's members each open with a blank line; the first one does not.
  handlebars.registerHelper("members", function (this: unknown, options: Handlebars.HelperOptions) {
    return options.fn(this).replace(/^\n+/, "");
  });
  for (const file of Object.keys(sources).filter((path) => path.startsWith("partials/"))) {
    // A partial given as text is compiled at its first use with the options of the template using it.
    handlebars.registerPartial(basename(file, ".hbs"), specs ? handlebars.template(specs[file]!) : sources[file]!);
  }
  const compile = (name: TemplateName, extension = "ts") => {
    const file = `${name}.${extension}.hbs`;
    const template = compiled(file);
    return (view: object): string => {
      try {
        rendering = file;
        const text = template(requireFields(view, file, "view"));
        return extension === "ts" ? layOut(text) : text;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(message.startsWith("internal:") ? message : `internal: template ${file}: ${message}`);
      }
    };
  };
  return {
    resource: compile("resource"),
    version: compile("version"),
    domain: compile("domain"),
    client: compile("client"),
    hosts: compile("hosts"),
    schemas: compile("schemas"),
    concurrency: compile("concurrency", "md"),
    package: compile("package", "json"),
    readme: compile("readme", "md"),
    double: compile("double"),
    doubleData: compile("doubleData"),
    doubleCli: compile("doubleCli"),
  };
}

function sameTexts(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const files = Object.keys(a);
  return files.length === Object.keys(b).length && files.every((file) => a[file] === b[file]);
}

const LIST_OPTIONS: readonly (keyof ListLayout)[] = ["comma", "spaced", "hug", "rows", "breakOne"];

/** The `list` helper's options: each one of ListLayout's, given `true` or `false`. */
function listLayout(hash: Record<string, unknown>): Partial<ListLayout> {
  for (const [key, value] of Object.entries(hash)) {
    if (!LIST_OPTIONS.includes(key as keyof ListLayout) || typeof value !== "boolean") {
      throw new Error(`internal: template helper list given ${key}=${String(value)}`);
    }
  }
  return hash as Partial<ListLayout>;
}

/** A helper's argument must be text: anything else means a template reads a field that is not there. */
function text(value: unknown, helper: string): string {
  if (typeof value !== "string") throw new Error(`internal: template helper ${helper} given ${typeof value}`);
  return value;
}

/**
 * The view as the template sees it: reading a field the view lacks throws, naming the template and
 * the field. Handlebars' strict mode checks only `{{field}}`; this also covers the fields that
 * block helpers (`#if`, `#each`, `#with`) and escaping helpers are given. A nested object's proxy is
 * made once per field and reused: templates read the same fields over and over.
 */
function requireFields<T extends object>(value: T, template: string, path: string): T {
  const children = new Map<PropertyKey, { field: object; proxy: object }>();
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key in target) {
        const field: unknown = Reflect.get(target, key, receiver);
        if (typeof field !== "object" || field === null) return field;
        const child = children.get(key);
        if (child?.field === field) return child.proxy;
        const proxy = requireFields(field, template, `${path}.${String(key)}`);
        children.set(key, { field, proxy });
        return proxy;
      }
      throw new Error(`internal: template ${template} reads ${path}.${key}, which its view lacks`);
    },
  });
}
