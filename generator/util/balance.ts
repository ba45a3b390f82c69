/**
 * Splits items into `count` batches of about equal total size: largest first, each onto the
 * lightest batch so far (the first of equals), so worker threads finish at about the same time.
 */
export function balanceBySize<T>(items: readonly T[], count: number, size: (item: T) => number): T[][] {
  const batches = Array.from({ length: count }, () => ({ total: 0, items: [] as T[] }));
  for (const item of [...items].sort((a, b) => size(b) - size(a))) {
    const lightest = batches.reduce((best, batch) => (batch.total < best.total ? batch : best));
    lightest.items.push(item);
    lightest.total += size(item);
  }
  return batches.map((batch) => batch.items);
}
