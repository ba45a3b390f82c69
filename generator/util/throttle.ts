/**
 * At most `limit` asynchronous tasks in flight, the others started in the order given as those
 * settle: file writes handed to the thread pool overlap without opening one file per write at once.
 */
export class Throttle {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` once fewer than `limit` tasks run; answers its outcome. */
  run<Result>(task: () => Promise<Result>): Promise<Result> {
    const outcome = this.started().then(task);
    const finished = () => this.finished();
    outcome.then(finished, finished);
    return outcome;
  }

  private started(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private finished(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
