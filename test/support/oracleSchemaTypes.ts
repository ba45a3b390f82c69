import { createRequire } from "node:module";
import type { GlobalContext, SchemaObject } from "openapi-typescript";
import type { Node, NodeArray, Statement, TransformerFactory, TypeNode, TypeReferenceNode } from "typescript";
import type { Schema } from "../../generator/model/types.js";
import type { RecursiveTypeView } from "../../generator/plan/views.js";
import { docSafe, mapValues } from "../../generator/render/docSafe.js";
import { controlEscapes } from "../../generator/render/escape.js";
import { reindent } from "../../generator/render/schemaTypes.js";
import { resolvePointer } from "../../generator/util/refs.js";

type Transforms = Pick<typeof import("openapi-typescript"), "transformComponentsObject" | "transformSchemaObject">;

/**
 * openapi-typescript's transforms, required from their CommonJS modules one by one, as the generator
 * loaded them when it used them: its package entry also loads a spec bundler.
 */
const require = createRequire(import.meta.url);
const { oapiRef } = require("openapi-typescript/dist/lib/ts.cjs") as { oapiRef: (ref: string) => TypeNode };
const { createRef } = require("openapi-typescript/dist/lib/utils.cjs") as { createRef: (parts: string[]) => string };
const ts = require("typescript") as typeof import("typescript");
const { default: transformComponentsObject } = require("openapi-typescript/dist/transform/components-object.cjs") as {
  default: Transforms["transformComponentsObject"];
};
const { default: transformSchemaObject } = require("openapi-typescript/dist/transform/schema-object.cjs") as {
  default: Transforms["transformSchemaObject"];
};

/**
 * openapi-typescript's astToString, with one printer and one empty source file for every print: it
 * makes both anew at each call, a quarter of its time over the thousands of types of a corpus.
 */
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const sourceFile = ts.createSourceFile("openapi-ts.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
function astToString(ast: Node | readonly Node[]): string {
  (sourceFile as { statements: NodeArray<Node> }).statements = ts.factory.createNodeArray(
    (Array.isArray(ast) ? ast : [ast]) as Statement[],
  );
  return printer.printFile(sourceFile);
}

/**
 * The test oracle of generator/render/schemaTypes.ts: the schema types as openapi-typescript 7.13's
 * own transforms make them and TypeScript's printer prints them, which is how the generator wrote
 * them before it wrote them itself (without loading either). Same API, same text.
 */
export class OracleSchemaTypes {
  private readonly context: GlobalContext;
  /** The context of a named type's own text, where references to named schemas use their names. */
  private readonly namedContext: GlobalContext;

  /** The schemas as openapi-typescript is given them: their doc comment text escaped (docSafe). */
  private readonly schemas: Readonly<Record<string, Schema>>;

  /**
   * `schemas`: the component schemas that the schemas to type reach through `$ref`s (or all of a
   * spec's). `named`: those that `components` names by a type of their own (recursive through an
   * array), whose texts `namedType` gives.
   */
  constructor(schemas: Readonly<Record<string, Schema>>, named: readonly RecursiveTypeView[] = []) {
    this.schemas = mapValues(schemas, docSafe);
    const document = { components: { schemas: this.schemas } };
    const reference = (name: string | undefined) => (name ? ts.factory.createTypeReferenceNode(name) : undefined);
    const paths = new Map(named.map(({ schema, name }) => [componentPath(schema), name]));
    // References are matched as openapi-typescript writes them: `components["schemas"]["<schema>"]`.
    const refs = new Map(named.map(({ schema, name }) => [astToString(oapiRef(componentPath(schema))).trim(), name]));
    this.context = {
      additionalProperties: false,
      alphabetize: false,
      arrayLength: false,
      defaultNonNullable: false,
      discriminators: { objects: {}, refsHandled: [] },
      emptyObjectsUnknown: true,
      enum: false,
      enumValues: false,
      conditionalEnums: false,
      dedupeEnums: false,
      excludeDeprecated: false,
      exportType: false,
      immutable: false,
      rootTypes: false,
      rootTypesNoSchemaPrefix: false,
      rootTypesKeepCasing: false,
      injectFooter: [],
      pathParamsAsTypes: false,
      postTransform: undefined,
      propertiesRequiredByDefault: false,
      redoc: undefined as never,
      silent: true,
      inject: undefined,
      // A named schema is its name in `components`; what its body would be is never printed there.
      transform: paths.size === 0 ? undefined : (_schema, options) => reference(paths.get(options.path ?? "")),
      transformProperty: undefined,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: false,
      resolve: <T>(ref: string) => resolvePointer(document, ref) as T | undefined,
    };
    this.namedContext = {
      ...this.context,
      transform: undefined,
      postTransform: (type) =>
        ts.isIndexedAccessTypeNode(type) ? reference(refs.get(astToString(type).trim())) : undefined,
    };
  }

  /** The `components` interface of the spec's schemas module. */
  components(): string {
    const schemas = this.schemas as Record<string, SchemaObject>;
    return printed(this.footerless(transformComponentsObject({ schemas }, this.context)), 0);
  }

  /**
   * The text of the named type of the component `schema`: its type, with references to the named
   * schemas by their names, which TypeScript resolves lazily inside an array (and `components`' do not).
   */
  namedType(schema: string): string {
    const path = componentPath(schema);
    const type = transformSchemaObject(this.schemas[schema] as SchemaObject, { path, ctx: this.namedContext });
    return printed(this.footerless(type), 0);
  }

  /** The type of `schema`, laid out to sit at `indent` columns. */
  typeOf(schema: Schema, path: string, indent = 0): string {
    const type = transformSchemaObject(docSafe(schema) as SchemaObject, { path, ctx: this.context });
    return printed(this.footerless(type), indent);
  }

  /**
   * `nodes`, once sure they need no helper of openapi-typescript's footer but `WithRequired`, which
   * `printed` writes out: a type naming an undeclared helper would fail to compile in the SDK after
   * a run that succeeded.
   */
  private footerless<T>(nodes: T): T {
    const helpers = this.context.injectFooter.map((node) => (ts.isTypeAliasDeclaration(node) ? node.name.text : "?"));
    const unknown = helpers.filter((name) => name !== "WithRequired");
    if (unknown.length > 0)
      throw new Error(`openapi-typescript declared helper types the SDK would not have: ${unknown.join(", ")}`);
    return nodes;
  }
}

/**
 * What TypeScript's printer made of openapi-typescript's nodes, laid out at `indent`: control
 * characters it leaves raw (in comments, and DEL, C1 and bidirectional ones in strings) escaped.
 */
function printed(nodes: Parameters<typeof astToString>[0], indent: number): string {
  const own = Array.isArray(nodes) ? nodes.map(withoutHelpers) : withoutHelpers(nodes as Node);
  return reindent(controlEscapes(astToString(own as typeof nodes).trim()), indent);
}

/**
 * openapi-typescript's nodes as the emitted modules hold them: its `WithRequired<T, K>` (for a
 * `required` list beside a `$ref` member of `allOf`) as TypeScript's own `T & Required<Pick<T,
 * K>>`, the same type, since openapi-typescript declares its helper in a file footer which the
 * modules that hold these types have not (the factory's update functions add parentheses where
 * the intersection needs them, `(…)[]`); tuples on one line, as prettier writes a short one.
 */
function withoutHelpers<T extends Node>(root: T): T {
  // Most types hold neither; TypeScript's transform is the dearer walk, so it runs only where needed.
  if (!holdsRewrite(root)) return root;
  const rewrite: TransformerFactory<T> = (context) => (node) => {
    const visit = (child: Node): Node => {
      const visited = ts.visitEachChild(child, visit, context);
      if (ts.isTupleTypeNode(visited)) ts.setEmitFlags(visited, ts.EmitFlags.SingleLine);
      return isWithRequired(visited) ? requiredPick(visited.typeArguments) : visited;
    };
    return visit(node) as T;
  };
  return ts.transform(root, [rewrite]).transformed[0]!;
}

/** Whether `node` or a node under it is a tuple type or a `WithRequired<T, K>`, which withoutHelpers rewrites. */
function holdsRewrite(node: Node): boolean {
  if (ts.isTupleTypeNode(node) || isWithRequired(node)) return true;
  return ts.forEachChild(node, (child) => holdsRewrite(child) || undefined) ?? false;
}

/** `T & Required<Pick<T, K>>`. */
function requiredPick([type, keys]: readonly [TypeNode, TypeNode]): TypeNode {
  const { factory } = ts;
  const required = factory.createTypeReferenceNode("Required", [factory.createTypeReferenceNode("Pick", [type, keys])]);
  return factory.createIntersectionTypeNode([type, required]);
}

function isWithRequired(node: Node): node is TypeReferenceNode & { typeArguments: [TypeNode, TypeNode] } {
  return (
    ts.isTypeReferenceNode(node) &&
    ts.isIdentifier(node.typeName) &&
    node.typeName.text === "WithRequired" &&
    node.typeArguments?.length === 2
  );
}

/** Where openapi-typescript places a component schema: `#/components/schemas/<name>`, escaped. */
function componentPath(schema: string): string {
  return createRef(["components", "schemas", schema]);
}
