/**
 * The render helper thread, as the generator's build runs it (the worker module exists only in the
 * compiled copy): the files it renders are byte for byte those this thread renders, and a file that
 * fails there fails the run with the error one thread gives.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileGenerator } from "../../generator/compile.mjs";
import { loadSpecs } from "../../generator/load/loadSpec.js";
import { mergeSpecs } from "../../generator/merge/mergeSpecs.js";
import { buildSpecModel } from "../../generator/model/buildModel.js";
import { planSdk } from "../../generator/plan/planSdk.js";
import { sdkPackage } from "../../generator/plan/sdkPackage.js";
import type { PlannedFile } from "../../generator/plan/views.js";
import { renderFiles, type RenderedFile } from "../../generator/render/renderFiles.js";
import { loadTemplates } from "../../generator/render/templates.js";
import type * as RenderHelper from "../../generator/render/renderHelper.js";
import type * as ShareOut from "../../generator/util/shareOut.js";
import { shareAll } from "../support/shareAll.js";
import { FIXTURE_SPECS } from "../support/specCounts.js";

type Compiled = typeof RenderHelper & typeof ShareOut & typeof import("../../generator/render/renderFiles.js");

describe("the render helper thread of the compiled generator", () => {
  // Inside the project, where the compiled copy's imports resolve.
  const builds = resolve("node_modules/.cache/render-threads-test");
  let compiled: Compiled;
  let files: PlannedFile[];
  afterAll(() => rmSync(builds, { recursive: true, force: true }));
  beforeAll(async () => {
    mkdirSync(builds, { recursive: true });
    const build = mkdtempSync(join(builds, "build-"));
    await compileGenerator(build);
    const load = (module: string) => import(pathToFileURL(join(build, module)).href);
    compiled = {
      ...(await load("render/renderHelper.js")),
      ...(await load("util/shareOut.js")),
      ...(await load("render/renderFiles.js")),
    };
    const specs = readdirSync(FIXTURE_SPECS)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ file: join(FIXTURE_SPECS, name), text: readFileSync(join(FIXTURE_SPECS, name), "utf8") }));
    const identity = sdkPackage({}, { version: "0.0.0", typescript: "5.9.3", esbuild: "0.28.2" });
    const models = (await loadSpecs(specs)).map(buildSpecModel);
    files = planSdk(mergeSpecs(models, specs), "runtime", "templates/static", identity).files;
  }, 120_000);

  /** The compiled helper thread, counting the files it answered. */
  function countedHelper(): ShareOut.ThreadHelper<PlannedFile, RenderedFile> & { answered: number } {
    const helper = compiled.startRenderHelper("templates");
    if (!helper) throw new Error("the compiled copy has no render worker");
    const counted = {
      answered: 0,
      run: async (chunk: readonly PlannedFile[]) => {
        const answer = await helper.run(chunk);
        counted.answered += answer.length;
        return answer;
      },
      waiting: () => helper.waiting(),
      close: () => helper.close(),
    };
    return counted;
  }

  it("renders its share of the files byte for byte as this thread renders them", async () => {
    const here = renderFiles(files, loadTemplates("templates"));
    const templates = loadTemplates("templates");
    const helper = countedHelper();
    const shared: RenderedFile[] = await shareAll(
      compiled.SharedWork,
      files,
      (file: PlannedFile) => compiled.renderFile(file, templates),
      helper,
    );

    expect(helper.answered).toBeGreaterThan(0);
    expect(shared.map((file) => file.path)).toEqual(here.map((file) => file.path));
    expect(shared.map((file) => file.text)).toEqual(here.map((file) => file.text));
  });

  it("fails the run on a file it cannot render with the error one thread gives", async () => {
    // A version view without its imports, from a third of the way in: the template reads a field its view lacks.
    const withoutImports = ({ imports: _left, ...view }: { imports: unknown }) => view;
    const broken = files.map((file, index) =>
      file.kind === "version" && index > files.length / 3
        ? ({ ...file, view: withoutImports(file.view) } as never)
        : file,
    );
    const first = broken.find((file, index) => file !== files[index])!;
    const templates = loadTemplates("templates");
    const alone = (() => {
      try {
        renderFiles([first], templates);
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    })();

    expect(alone).toMatch(/^internal: template version\.ts\.hbs/);
    await expect(
      shareAll(
        compiled.SharedWork,
        broken,
        (file: PlannedFile) => compiled.renderFile(file, templates),
        countedHelper(),
      ),
    ).rejects.toThrow(alone);
  });
});
