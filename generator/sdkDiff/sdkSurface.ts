import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  Node,
  Project,
  Scope,
  ts,
  type ClassDeclaration,
  type InterfaceDeclaration,
  type SourceFile,
  type Symbol as TsSymbol,
  type Type,
} from "ts-morph";
import { compareText } from "../util/ordering.js";

/**
 * The public API of one generated SDK tree, as plain data: what a user's code can name and call.
 * Read with the TypeScript checker, so a type is compared as users see it (`components[...]`
 * references resolve to their literal unions), whatever the generator's templates look like.
 */
export interface SdkSurface {
  /** Entry point (`.`, `./taskrouter`) → the names it exports. */
  entryPoints: Record<string, string[]>;
  /** `taskrouter/v1/workspace/task#TaskContext` → its public members. */
  classes: Record<string, ClassSurface>;
  /** `taskrouter/v1/workspace/task#TaskUpdateOptions` → its properties. */
  interfaces: Record<string, InterfaceSurface>;
}

export interface ClassSurface {
  methods: Record<string, MethodSurface>;
  /** Getters and public properties: what an instance exposes (response fields, sub-resources). */
  fields: Record<string, TypeSurface>;
}

export interface MethodSurface {
  parameters: { name: string; optional: boolean; type: TypeSurface }[];
  returns: TypeSurface;
}

export interface InterfaceSurface {
  properties: Record<string, { optional: boolean; type: TypeSurface }>;
}

/**
 * A type's text, and the members of its union (order-free, without `undefined`, which optionality
 * already says), or of its array's element union, for narrowed/widened checks.
 */
export interface TypeSurface {
  text: string;
  union?: string[];
  elements?: string[];
}

/** Folders of the tree that are not API a user names directly, or are not sources. */
const SKIPPED = /^(node_modules|dist)\//;

/** Reads the public API of the SDK in `folder` (its `.ts` sources). */
export function readSdkSurface(folder: string): SdkSurface {
  const project = new Project({
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
      noEmit: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.addSourceFilesAtPaths([join(folder, "**/*.ts"), `!${join(folder, "**/*.d.ts")}`]);
  const surface: SdkSurface = { entryPoints: {}, classes: {}, interfaces: {} };
  const files = project
    .getSourceFiles()
    .map((file) => ({ file, path: relative(folder, file.getFilePath()).split("\\").join("/") }))
    .filter(({ path }) => !SKIPPED.test(path))
    .sort((a, b) => compareText(a.path, b.path));
  for (const { file, path } of files) {
    const module = path.replace(/\.ts$/, "");
    for (const declaration of file.getClasses()) {
      if (declaration.isExported()) surface.classes[`${module}#${declaration.getName()}`] = classSurface(declaration);
    }
    for (const declaration of file.getInterfaces()) {
      // An interface merged into a class (an instance's context methods) is read with the class.
      if (declaration.isExported() && !file.getClass(declaration.getName()))
        surface.interfaces[`${module}#${declaration.getName()}`] = interfaceSurface(declaration);
    }
  }
  for (const [entry, path] of entryPoints(folder)) {
    const file = project.getSourceFile(join(folder, path));
    if (file) surface.entryPoints[entry] = exportedNames(file);
  }
  return surface;
}

/** The package's `exports` (subpath → source file), or its `index.ts` alone. */
function entryPoints(folder: string): [string, string][] {
  const manifest = join(folder, "package.json");
  const exports = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, "utf8")) as { exports?: unknown }).exports
    : undefined;
  const entries: [string, string][] = [];
  if (exports && typeof exports === "object") {
    for (const [subpath, target] of Object.entries(exports as Record<string, unknown>)) {
      const source = sourceOf(target);
      if (source) entries.push([subpath, source]);
    }
  }
  if (entries.length === 0 && existsSync(join(folder, "index.ts"))) entries.push([".", "index.ts"]);
  return entries.sort(([a], [b]) => compareText(a, b));
}

/** `./dist/taskrouter/index.js` (or a conditions object holding it) → `taskrouter/index.ts`. */
function sourceOf(target: unknown): string | undefined {
  if (typeof target === "string") {
    return target
      .replace(/^\.\//, "")
      .replace(/^dist\//, "")
      .replace(/\.d\.ts$|\.js$/, ".ts");
  }
  if (target && typeof target === "object") {
    const conditions = target as Record<string, unknown>;
    return sourceOf(conditions.import ?? conditions.default ?? conditions.types);
  }
  return undefined;
}

function exportedNames(file: SourceFile): string[] {
  return [...file.getExportedDeclarations().keys()].sort(compareText);
}

/**
 * A class's public members as users reach them: its own, those it inherits (a runtime base's
 * `list()`), and those an interface of the same name merges in (an instance's context methods).
 */
function classSurface(declaration: ClassDeclaration): ClassSurface {
  const surface: ClassSurface = { methods: {}, fields: {} };
  for (const symbol of declaration.getType().getProperties()) {
    // A well-known symbol's member (`__@asyncIterator@123`) under its source spelling.
    const name = symbol.getName().replace(/^__@(\w+)@\d+$/, "[Symbol.$1]");
    const member = symbol.getDeclarations()[0];
    if (!member || name.startsWith("#") || name.startsWith("__#") || !isPublic(scopeOf(member))) continue;
    const type = symbol.getTypeAtLocation(declaration);
    if (Node.isMethodDeclaration(member) || Node.isMethodSignature(member)) {
      const signature = type.getCallSignatures()[0]!;
      surface.methods[name] = {
        parameters: signature.getParameters().flatMap((parameter) => parameterSurfaces(parameter, declaration)),
        returns: typeSurface(signature.getReturnType(), declaration),
      };
    } else surface.fields[name] = typeSurface(type, declaration);
  }
  return surface;
}

function scopeOf(member: Node): Scope | undefined {
  return Node.isScoped(member) || Node.isScopeable(member) ? member.getScope() : undefined;
}

/** A parameter, or the elements of a rest tuple (`...[options]: [options?: O]`) as the parameters they stand for. */
function parameterSurfaces(parameter: TsSymbol, node: Node): MethodSurface["parameters"] {
  const declaration = parameter.getValueDeclaration();
  const type = parameter.getTypeAtLocation(node);
  if (Node.isParameterDeclaration(declaration) && declaration.isRestParameter() && type.isTuple()) {
    const tuple = (type.compilerType as ts.TypeReference).target as ts.TupleType;
    return type.getTupleElements().map((element, index) => {
      const label = tuple.labeledElementDeclarations?.[index]?.name;
      return {
        name: label && ts.isIdentifier(label) ? label.text : `arg${index}`,
        optional: (tuple.elementFlags[index]! & ts.ElementFlags.Optional) !== 0,
        type: typeSurface(element, node),
      };
    });
  }
  const optional = Node.isParameterDeclaration(declaration) && declaration.isOptional();
  return [{ name: parameter.getName(), optional, type: typeSurface(type, node) }];
}

function interfaceSurface(declaration: InterfaceDeclaration): InterfaceSurface {
  const surface: InterfaceSurface = { properties: {} };
  for (const property of declaration.getProperties()) {
    surface.properties[property.getName()] = {
      optional: property.hasQuestionToken(),
      type: typeSurface(property.getType(), property),
    };
  }
  return surface;
}

function isPublic(scope: Scope | undefined): boolean {
  return scope === undefined || scope === Scope.Public;
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;

/** The type as the checker prints it, with import paths cut so that moved files compare equal. */
function typeSurface(type: Type, node: Node): TypeSurface {
  const print = (member: Type): string => withoutImportPaths(member.getText(node, FORMAT));
  const members = (union: Type): string[] =>
    (union.isUnion() ? union.getUnionTypes() : [union])
      .filter((member) => !member.isUndefined())
      .map(print)
      .sort(compareText);
  const defined = type.isUnion() ? type.getUnionTypes().filter((member) => !member.isUndefined()) : [type];
  const surface: TypeSurface = { text: defined.map(print).join(" | ") };
  if (type.isUnion()) surface.union = members(type);
  const array = defined.length === 1 && defined[0]!.isArray() ? defined[0]!.getArrayElementType() : undefined;
  if (array) surface.elements = members(array);
  return surface;
}

function withoutImportPaths(text: string): string {
  return text.replace(/import\("[^"]*"\)\./g, "");
}
