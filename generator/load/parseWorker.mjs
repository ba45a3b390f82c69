// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader that runs the CLI.
// Parses YAML specs and answers with JSON text, which the main thread parses far faster than YAML.
// The fast reading (yamlData.mjs) comes first; the library's full parse takes what it leaves, and
// reports every error.
import { parentPort } from "node:worker_threads";
import { LineCounter, parseDocument, YAMLParseError } from "yaml";
import { dataFromYaml } from "./yamlData.mjs";

parentPort.once("message", (specs) => {
  for (const { file, text } of specs) parentPort.postMessage(parse(file, text));
});

function parse(file, text) {
  const data = dataFromYaml(text);
  if (data !== undefined) return { file, json: JSON.stringify(data) };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const position = error instanceof YAMLParseError && error.linePos ? error.linePos[0] : undefined;
    const message = error.message.split("\n")[0];
    return { file, error: { message, line: position?.line, column: position?.col } };
  }
  return { file, json: JSON.stringify(document.toJS({ maxAliasCount: -1 })) };
}
