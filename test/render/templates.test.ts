/**
 * Templates are compiled strictly: a field a template reads that its view lacks stops the run with
 * an error naming the template and the field, instead of rendering as empty text.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Handlebars from "handlebars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileGenerator } from "../../generator/compile.mjs";
import { loadTemplates, type TemplateViews } from "../../generator/render/templates.js";
import { PRECOMPILED_MODULE, precompiledModule } from "../../generator/render/templateSources.mjs";

const work = mkdtempSync(join(tmpdir(), "templates-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the project's templates with one edit to `file`. */
function editedTemplates(file: string, from: string, to: string): string {
  const folder = mkdtempSync(join(work, "templates-"));
  cpSync("templates", folder, { recursive: true });
  const text = readFileSync(join(folder, file), "utf8");
  expect(text).toContain(from);
  writeFileSync(join(folder, file), text.replace(from, to));
  return folder;
}

const VERSION_VIEW: TemplateViews["version"] = {
  header: "// header",
  imports: [],
  className: "TasksV1",
  domainClassName: "Tasks",
  property: "v1",
  roots: [],
  accountContext: undefined,
};

describe("strict templates", () => {
  it("render a view that has every field the template reads", () => {
    const text = loadTemplates("templates").version(VERSION_VIEW);

    expect(text).toContain("export class TasksV1 {");
  });

  it.each([
    // given the template edit → want the error
    ["{{domainClassName}}", "{{domainClasName}}", /template version\.ts\.hbs: "domainClasName" not defined/],
    ["{{#if accountContext}}", "{{#if acountContext}}", /template version\.ts\.hbs reads view\.acountContext/],
    ["{{#each roots}}", "{{#each rots}}", /template version\.ts\.hbs reads view\.rots, which its view lacks/],
  ])("fail on a misspelt field: %s written %s", (from, to, want) => {
    const templates = loadTemplates(editedTemplates("version.ts.hbs", from, to));

    expect(() => templates.version(VERSION_VIEW)).toThrow(want);
  });

  // The views below lack a field on purpose: `as never` lets them past the type of a complete view.
  it("fail on a view that lacks an optional field, even one the template only tests", () => {
    const { accountContext: _left, ...view } = VERSION_VIEW;

    expect(() => loadTemplates("templates").version(view as never)).toThrow(
      "internal: template version.ts.hbs reads view.accountContext, which its view lacks",
    );
  });

  it("fail on a field a partial reads that its arguments lack", () => {
    const templates = loadTemplates(
      editedTemplates("version.ts.hbs", "{{> imports}}", "{{> nameArray (args nmes=roots)}}"),
    );

    expect(() => templates.version(VERSION_VIEW)).toThrow(
      "internal: template version.ts.hbs reads args.names, which its view lacks",
    );
  });

  it("fail on a field missing inside a list (in a partial)", () => {
    const view = { ...VERSION_VIEW, roots: [{ mountName: "tasks", keyed: true, listClass: "TaskList", mapping: [] }] };

    expect(() => loadTemplates("templates").version(view as never)).toThrow(
      /template version\.ts\.hbs: "contextClass" not defined/,
    );
  });
});

describe("layout helpers", () => {
  it("fail on an option the list helper does not have", () => {
    const templates = loadTemplates(editedTemplates("partials/imports.hbs", "breakOne=false", "breakone=false"));
    const imports = [{ from: "./a.js", names: [{ name: "A", alias: undefined, typeOnly: false }], typeOnly: false }];

    expect(() => templates.version({ ...VERSION_VIEW, imports })).toThrow(
      "internal: template helper list given breakone=false",
    );
  });
});

describe("imports are data", () => {
  const name = (name: string, typeOnly = false, alias?: string) => ({ name, alias, typeOnly });

  it.each([
    // given the import → want its line
    [
      { from: "../runtime/index.js", names: [name("ApiClient", true), name("mountList")], typeOnly: false },
      'import { type ApiClient, mountList } from "../runtime/index.js";',
    ],
    [
      { from: "./task.js", names: [name("TaskList", false, "WorkspaceTaskList")], typeOnly: false },
      'import { TaskList as WorkspaceTaskList } from "./task.js";',
    ],
    [
      { from: "../schemas/twilio_taskrouter_v1.js", names: [name("components", true)], typeOnly: true },
      'import type { components } from "../schemas/twilio_taskrouter_v1.js";',
    ],
  ])("%j is written %s", (imported, want) => {
    const text = loadTemplates("templates").version({ ...VERSION_VIEW, imports: [imported] });

    expect(text.split("\n")).toContain(want);
  });

  it("breaks an import too wide for one line into a name per line, as prettier does", () => {
    const names = Array.from({ length: 8 }, (_, index) => name(`SomeLongClassName${index}`));
    const text = loadTemplates("templates").version({
      ...VERSION_VIEW,
      imports: [{ from: "./module.js", names, typeOnly: false }],
    });

    expect(text).toContain(`import {\n  SomeLongClassName0,\n`);
    expect(text).toContain(`  SomeLongClassName7,\n} from "./module.js";`);
  });
});

describe("templates precompiled by the generator's build", () => {
  // Inside the project, where the compiled copy's imports (handlebars, TypeScript) resolve.
  const builds = resolve("node_modules/.cache/templates-test");
  let build = "";
  const compiledTemplates = async (folder: string): Promise<typeof loadTemplates> => {
    const module = await import(pathToFileURL(join(folder, "render", "templates.js")).href);
    return module.loadTemplates;
  };
  beforeAll(async () => {
    mkdirSync(builds, { recursive: true });
    build = mkdtempSync(join(builds, "build-"));
    await compileGenerator(build);
  }, 60_000);
  afterAll(() => rmSync(builds, { recursive: true, force: true }));

  it("are in the compiled copy and render as the templates compiled at run time do", async () => {
    const load = await compiledTemplates(build);

    expect(existsSync(join(build, "render", PRECOMPILED_MODULE))).toBe(true);
    expect(load("templates").version(VERSION_VIEW)).toBe(loadTemplates("templates").version(VERSION_VIEW));
    const { accountContext: _left, ...view } = VERSION_VIEW;
    expect(() => load("templates").version(view as never)).toThrow(
      "internal: template version.ts.hbs reads view.accountContext, which its view lacks",
    );
  });

  it("serve only the texts they were compiled from: an edited template is compiled as it is", async () => {
    // A copy of the build whose precompiled version template writes a marker instead.
    const marked = mkdtempSync(join(builds, "marked-"));
    cpSync(build, marked, { recursive: true });
    const module = join(marked, "render", PRECOMPILED_MODULE);
    const marker = {
      precompile: (text: string, options: object) =>
        Handlebars.precompile(text.includes("export class") ? "MARKER" : text, options),
    };
    writeFileSync(module, precompiledModule(resolve("templates"), marker));
    const load = await compiledTemplates(marked);

    expect(load("templates").version(VERSION_VIEW)).toBe("MARKER");
    const edited = editedTemplates("version.ts.hbs", "export class", "export  class");
    expect(load(edited).version(VERSION_VIEW)).toContain("export  class TasksV1 {");
  });
});
