/** A YAML spec's data as JSON text, or its first problem with the place (1-based) and the fix. */
export function parseYaml(
  text: string,
): { json: string } | { error: { problem: string; fix: string; line?: number; column?: number } };
