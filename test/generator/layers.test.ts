/**
 * The generator's folders import one another in one direction only: down the stages (load, model,
 * plan, render, emit), never back up, and never in a cycle. Read with ts-morph, every static
 * import, re-export and dynamic `import()` of generator/ counts.
 */
import { posix } from "node:path";
import { Node, Project, SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";

/** The stages in the order data flows through them. */
const STAGES = ["load", "model", "report", "plan", "render", "emit"];

/**
 * What each folder may import besides itself and the foundation: a stage only stages before it
 * (mostly the one whose output it takes), and the folders beside the stages what they use.
 */
const MAY_IMPORT: Record<string, string[]> = {
  load: [],
  model: ["load"],
  // The concurrency surface of the models: the run's summary, and the pages the plan makes.
  report: ["model"],
  plan: ["model", "report"],
  // The views, and the model's schema type and naming rules that the views carry.
  render: ["model", "plan"],
  // The rendered files.
  emit: ["render"],
  // Wraps stages from outside (generate.ts hands it each stage's input): it knows none of them.
  cache: [],
  // spec-diff loads and models two spec sets, then compares their models.
  diff: ["load", "model"],
  // sdk-diff reads two emitted SDK trees with ts-morph: it needs no stage.
  sdkDiff: [],
  // Fetches spec releases (load's rule of what a spec file is) and shows an update's spec-diff.
  release: ["load", "diff"],
};

/**
 * A module's group: its folder; `foundation` for util/, the modules that know no stage, which every module
 * may import; `entry` for the root modules (generate.ts and the commands).
 */
function groupOf(module: string): string {
  const [first, ...rest] = module.split("/");
  if (rest.length === 0) return "entry";
  return first === "util" ? "foundation" : first!;
}

/** Why `from` may not import `to` (modules relative to generator/), or undefined when it may. */
export function backwardImport(from: string, to: string): string | undefined {
  const [source, target] = [groupOf(from), groupOf(to)];
  if (source === target || source === "entry" || target === "foundation") return undefined;
  if (target === "entry") return `${from} imports ${to}: only entry modules import entry modules`;
  if (source === "foundation") return `${from} imports ${to}: the foundation knows no stage`;
  const allowed = MAY_IMPORT[source];
  if (allowed === undefined) return `${from} imports ${to}: folder ${source} has no place in the stage order`;
  if (allowed.includes(target)) return undefined;
  const backward = STAGES.includes(source) && STAGES.indexOf(target) > STAGES.indexOf(source);
  return `${from} imports ${to}: ${source} → ${target} ${backward ? "runs back up the stages" : "is not allowed"}`;
}

/** The cycles between folders in `imports` (module → modules), each as a path `a → b → a`. */
export function folderCycles(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of imports) {
    for (const to of targets) {
      const [source, target] = [groupOf(from), groupOf(to)];
      if (source !== target) edges.set(source, (edges.get(source) ?? new Set()).add(target));
    }
  }
  const cycles: string[] = [];
  const visit = (folder: string, path: string[]): void => {
    if (path.includes(folder)) {
      if (folder === path[0]) cycles.push([...path, folder].join(" → "));
      return;
    }
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
  };
  // Each cycle is reported once, from its smallest folder.
  for (const folder of [...edges.keys()].sort()) visit(folder, []);
  return cycles.filter((cycle) => {
    const folders = cycle.split(" → ");
    return folders[0] === [...folders].sort()[0];
  });
}

/** Every module of generator/ and the generator modules it imports, relative to generator/. */
function generatorImports(): Map<string, string[]> {
  const project = new Project({ compilerOptions: { allowJs: true }, skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(["generator/**/*.ts", "generator/**/*.mjs"]);
  const root = project.getDirectoryOrThrow("generator").getPath();
  const imports = new Map<string, string[]>();
  for (const file of project.getSourceFiles()) {
    const module = posix.relative(root, file.getFilePath());
    const specifiers = [
      ...file.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()),
      ...file.getExportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()),
      ...file
        .getDescendantsOfKind(SyntaxKind.CallExpression)
        .filter((call) => call.getExpression().getKind() === SyntaxKind.ImportKeyword)
        .map((call) => call.getArguments()[0])
        .filter((argument) => argument !== undefined && Node.isStringLiteral(argument))
        .map((argument) => (argument as import("ts-morph").StringLiteral).getLiteralValue()),
    ].filter((specifier): specifier is string => specifier?.startsWith(".") ?? false);
    const targets = specifiers.map((specifier) =>
      posix.normalize(posix.join(posix.dirname(module), specifier)).replace(/\.js$/, ".ts"),
    );
    imports.set(module, [...new Set(targets)]);
  }
  return imports;
}

describe("the generator's import layers", () => {
  const imports = generatorImports();

  it("reads every stage folder and the entry module", () => {
    expect(imports.get("generate.ts")).toEqual(expect.arrayContaining(["render/renderer.ts", "plan/planSdk.ts"]));
    expect(new Set([...imports.keys()].map(groupOf))).toEqual(
      new Set(["foundation", "entry", ...Object.keys(MAY_IMPORT)]),
    );
  });

  it("has no import that runs back up the stages", () => {
    const problems = [...imports].flatMap(([from, targets]) => targets.map((to) => backwardImport(from, to)));

    expect(problems.filter((problem) => problem !== undefined)).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it.each([
    // given an import → want the problem (undefined: allowed)
    ["plan/planSdk.ts", "model/types.ts", undefined],
    ["emit/writeOutput.ts", "render/renderFiles.ts", undefined],
    ["render/renderFiles.ts", "util/refs.ts", undefined],
    ["generate.ts", "cache/stageCache.ts", undefined],
    ["render/packageViews.ts", "report/buildReport.ts", "render → report is not allowed"],
    ["load/loadSpec.ts", "model/types.ts", "load → model runs back up the stages"],
    ["model/types.ts", "plan/views.ts", "model → plan runs back up the stages"],
    ["emit/writeOutput.ts", "cache/contentCache.ts", "emit → cache is not allowed"],
    ["cache/cachedRender.ts", "emit/formatFiles.ts", "cache → emit is not allowed"],
    ["sdkDiff/sdkTree.ts", "diffCli.ts", "only entry modules import entry modules"],
    ["util/refs.ts", "load/locate.ts", "the foundation knows no stage"],
  ])("%s importing %s: %s", (from, to, want) => {
    const problem = backwardImport(from, to);

    expect(problem === undefined ? undefined : problem.slice(problem.indexOf(": ") + 2)).toBe(want);
  });

  it("finds a cycle between folders, however long", () => {
    const cyclic = new Map([
      ["emit/writeOutput.ts", ["cache/contentCache.ts"]],
      ["cache/cachedRender.ts", ["emit/formatFiles.ts", "plan/types.ts"]],
      ["plan/types.ts", ["model/types.ts"]],
      ["model/types.ts", ["load/loadSpec.ts"]],
      ["load/loadSpec.ts", ["plan/types.ts"]],
    ]);

    expect(folderCycles(cyclic)).toEqual(["cache → emit → cache", "load → plan → model → load"]);
  });
});
