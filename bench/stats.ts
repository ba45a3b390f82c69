// Medians, and the units the table shows figures in.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const seconds = (value: number): string => `${value.toFixed(2)} s`;
export const megabytes = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;
export const bytes = (count: number): string => `${count.toLocaleString("en-US")} B`;
export const ratio = (ours: number, peer: number): string => (ours / peer).toFixed(3);

/** Progress for the person watching; stdout stays for the table. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
