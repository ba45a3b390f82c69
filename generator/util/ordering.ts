/**
 * Code-unit order, never locale order: sorting with this keeps the output byte-identical on every
 * machine, whatever its locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
