/** The document's data, or undefined when the `yaml` library must parse the text in full. */
export function dataFromYaml(text: string): unknown;
