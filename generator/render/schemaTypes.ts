import type { Schema } from "../model/types.js";
import type { RecursiveTypeView } from "../plan/views.js";
import { resolvePointer } from "../util/refs.js";
import { docSafe, mapValues } from "./docSafe.js";
import { controlEscapes } from "./escape.js";
import { componentsType, createRef, refType, schemaType, type TypeContext } from "./schemaTransform.js";
import { printType } from "./typePrinter.js";
import { reference, type TypeNode } from "./typeNodes.js";

/**
 * Schemas as TypeScript types, written as openapi-typescript 7 and TypeScript's printer write them
 * (schemaTransform.ts, typePrinter.ts), so enums, nullable, arrays and nested objects read the way
 * openapi-typescript users know; laid out as prettier lays out the emitted modules. `$ref`s become
 * `components["schemas"]["..."]`, which each spec's schemas module declares.
 */
export class SchemaTypes {
  private readonly context: TypeContext;
  /** The context of a named type's own text, where references to named schemas use their names. */
  private readonly namedContext: TypeContext;

  private readonly given: Readonly<Record<string, Schema>>;
  private safe: Readonly<Record<string, Schema>> | undefined;

  /**
   * `schemas`: the component schemas that the schemas to type reach through `$ref`s (or all of a
   * spec's). `named`: those that `components` names by a type of their own (recursive through an
   * array), whose texts `namedType` gives.
   */
  constructor(schemas: Readonly<Record<string, Schema>>, named: readonly RecursiveTypeView[] = []) {
    this.given = schemas;
    const resolve = (ref: string) => resolvePointer({ components: { schemas: this.schemas } }, ref);
    const paths = new Map(named.map(({ schema, name }) => [componentPath(schema), name]));
    // References are matched by their text: `components["schemas"]["<schema>"]`.
    const refs = new Map(named.map(({ schema, name }) => [printType(refType(componentPath(schema))), name]));
    // A named schema is its name in `components`; what its body would be is never printed there.
    this.context = { resolve, named: paths.size === 0 ? undefined : (path) => nameReference(paths.get(path)) };
    this.namedContext = {
      resolve,
      renamed: (type) => (type.kind === "indexed" ? nameReference(refs.get(printType(type))) : undefined),
    };
  }

  /**
   * The schemas, their doc comment text escaped (docSafe); made on first use, which most resource
   * modules' types never make (only a `required` beside a `$ref` reads a component).
   */
  private get schemas(): Readonly<Record<string, Schema>> {
    return (this.safe ??= mapValues(this.given, docSafe));
  }

  /** The `components` interface of the spec's schemas module. */
  components(): string {
    return printed(componentsType(this.schemas, this.context), 0);
  }

  /**
   * The text of the named type of the component `schema`: its type, with references to the named
   * schemas by their names, which TypeScript resolves lazily inside an array (and `components`' do not).
   */
  namedType(schema: string): string {
    return printed(schemaType(this.schemas[schema], componentPath(schema), this.namedContext), 0);
  }

  /** The type of `schema`, laid out to sit at `indent` columns. */
  typeOf(schema: Schema, path: string, indent = 0): string {
    return printed(schemaType(docSafe(schema), path, this.context), indent);
  }
}

function nameReference(name: string | undefined): TypeNode | undefined {
  return name ? reference(name) : undefined;
}

/** Where a component schema is: `#/components/schemas/<name>`, escaped. */
function componentPath(schema: string): string {
  return createRef(["components", "schemas", schema]);
}

/** The printer's text laid out at `indent`, its control characters (in comments and strings) escaped. */
function printed(type: TypeNode, indent: number): string {
  return reindent(controlEscapes(printType(type)), indent);
}

/**
 * TypeScript's printer indents by four; the emitted code uses prettier's two. Doc comment lines
 * (` * ...`, one column past a multiple of four) keep their extra column.
 */
export function reindent(text: string, indent: number): string {
  return text.replace(/\n( *)/g, (_match, spaces: string) => {
    const depth = Math.floor(spaces.length / 4);
    return `\n${" ".repeat(indent + depth * 2 + (spaces.length % 4))}`;
  });
}
