// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
// Parses YAML specs and answers with JSON text, which the main thread parses far faster than YAML.
import { parentPort, workerData } from "node:worker_threads";
import { LineCounter, parseDocument, YAMLParseError } from "yaml";

for (const { file, text } of workerData.specs) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const position = error instanceof YAMLParseError && error.linePos ? error.linePos[0] : undefined;
    const message = error.message.split("\n")[0];
    parentPort.postMessage({ file, error: { message, line: position?.line, column: position?.col } });
  } else {
    parentPort.postMessage({ file, json: JSON.stringify(document.toJS({ maxAliasCount: -1 })) });
  }
}
