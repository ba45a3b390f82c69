/**
 * Where a generated file first differs from its committed copy, as a reader wants it in a failing
 * snapshot: the file and line, then a few lines of each side from there (`-` committed, `+` generated).
 */
export function firstDifference(file: string, committed: string | undefined, generated: string, lines = 3): string {
  if (committed === undefined) return `${file}: not committed`;
  const before = committed.split("\n");
  const after = generated.split("\n");
  let index = 0;
  while (index < before.length && index < after.length && before[index] === after[index]) index++;
  const show = (sign: string, side: string[]) => side.slice(index, index + lines).map((line) => `${sign} ${line}`);
  return [`${file}:${index + 1}`, ...show("-", before), ...show("+", after)].join("\n");
}
