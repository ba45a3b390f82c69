/**
 * At most `limit` asynchronous tasks in flight, the others started in the order given as those
 * settle: file writes handed to the thread pool overlap without opening one file per write at once.
 */
export class Throttle {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly limit: number) {}

  /** Runs `task` once fewer than `limit` tasks run; answers its outcome. */
  run<Result>(task: () => Promise<Result>): Promise<Result> {
    const outcome = this.started().then(task);
    const settled: Promise<void> = outcome.then(
      () => this.finished(settled),
      () => this.finished(settled),
    );
    this.running.add(settled);
    return outcome;
  }

  /** Resolves once every task started so far, and any they start, has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private started(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private finished(settled: Promise<unknown>): void {
    this.running.delete(settled);
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
