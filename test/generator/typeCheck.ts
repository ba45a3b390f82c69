import ts from "typescript";

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  skipLibCheck: true,
};

/** TypeScript's own libs, parsed once per process: the same for every SDK, and a large part of a small one's check. */
const libFiles = new Map<string, ts.SourceFile | undefined>();
const host = ts.createCompilerHost(OPTIONS);
const readSource = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, language, onError) => {
  if (!fileName.includes("/node_modules/typescript/lib/")) return readSource(fileName, language, onError);
  if (!libFiles.has(fileName)) libFiles.set(fileName, readSource(fileName, language, onError));
  return libFiles.get(fileName);
};

/** Type-checks a generated SDK the way its own tsconfig does: strict, ES2022, NodeNext (and any `extra` options). */
export function typeCheck(entry: string, extra: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram([entry], { ...extra, ...OPTIONS }, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}
