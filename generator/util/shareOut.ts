/**
 * Work shared between this thread and one helper thread: inputs are added as they come (while this
 * thread is busy with something else, the helper already works on them), then this thread joins;
 * both take the next inputs from one queue, in order, so neither waits while the other has work
 * left, and the outputs come back in input order whoever did them.
 */

/**
 * At most this many inputs go to the helper at a time, and this many chunks wait for it, so it never
 * idles while this thread is busy; this thread takes fewer at a time, so it lets the helper's
 * answers in often. Chunks shrink as the work runs out, so both threads finish together.
 */
const HELPER_CHUNK = 12;
const HELPER_CHUNKS_WAITING = 3;
const CHUNK_HERE = 4;

/** Another thread that does the same work: `run` answers with a chunk's outputs in order, or rejects. */
export interface ThreadHelper<Input, Output> {
  run(inputs: readonly Input[]): Promise<Output[]>;
  /** How many chunks it has not answered yet, answers that have arrived taken in (callable while this thread is busy). */
  waiting(): number;
  close(): void;
}

interface Chunk {
  start: number;
  end: number;
}

/**
 * `work` done on every input added, in input order, by this thread (once it `finish`es) and by a
 * helper that `startHelper` gives once `helperFrom` inputs have been added. An input that fails
 * fails the whole run with the error of the first failing input in order, as one thread would:
 * inputs are handed out in order, so every input before a failure is done before the error is
 * chosen. A helper that fails (its thread stopped, or an input failed there) hands its chunk back to
 * this thread, whose own error is the one reported.
 */
export class SharedWork<Input, Output> {
  private readonly inputs: Input[] = [];
  private readonly outputs: Output[] = [];
  private readonly failures = new Map<number, unknown>();
  private readonly helping = new Set<Promise<void>>();
  /** Chunks a helper handed back before this thread had its `work`. */
  private readonly handedBack: Chunk[] = [];
  private helper: ThreadHelper<Input, Output> | undefined;
  /** Whether `startHelper` was asked already: it is asked once, whatever it answered. */
  private helperAsked = false;
  private work: ((input: Input) => Output) | undefined;
  private next = 0;
  private stopped = false;

  constructor(
    private readonly startHelper: () => ThreadHelper<Input, Output> | undefined,
    private readonly helperFrom: number,
  ) {}

  /** Adds inputs to do; a helper already at work is handed some at once. */
  add(inputs: readonly Input[]): void {
    if (this.stopped) return;
    this.inputs.push(...inputs);
    if (!this.helperAsked && this.inputs.length >= this.helperFrom) {
      this.helperAsked = true;
      this.helper = this.startHelper();
    }
    this.feed();
  }

  /** Does the inputs left with `work` on this thread, beside the helper, and gives every output. */
  async finish(work: (input: Input) => Output): Promise<Output[]> {
    this.work = work;
    try {
      for (const chunk of this.handedBack.splice(0)) this.doHere(chunk);
      for (let chunk = this.take(CHUNK_HERE); chunk; chunk = this.take(CHUNK_HERE)) {
        this.doHere(chunk);
        if (this.helper === undefined) continue;
        this.feed();
        // Lets the helper's answers in, so it is handed its next chunk while this thread works.
        await new Promise((resolve) => setImmediate(resolve));
      }
      while (this.helping.size > 0) await Promise.all(this.helping);
    } finally {
      this.helper?.close();
    }
    if (this.failures.size > 0) throw this.failures.get(Math.min(...this.failures.keys()));
    return this.outputs;
  }

  /** Stops the helper, if the work is abandoned (a failure elsewhere) before `finish`. */
  close(): void {
    this.stopped = true;
    this.helper?.close();
  }

  /** Hands the helper chunks until it has enough waiting or nothing is left. */
  private feed(): void {
    const helper = this.helper;
    if (helper === undefined) return;
    while (helper.waiting() < HELPER_CHUNKS_WAITING) {
      const chunk = this.take(HELPER_CHUNK);
      if (chunk === undefined) return;
      const helped: Promise<void> = helper.run(this.inputs.slice(chunk.start, chunk.end)).then(
        (answer) => answer.forEach((output, offset) => (this.outputs[chunk.start + offset] = output)),
        () => (this.work ? this.doHere(chunk) : void this.handedBack.push(chunk)),
      );
      this.helping.add(helped);
      void helped.finally(() => {
        this.helping.delete(helped);
        this.feed();
      });
    }
  }

  private doHere(chunk: Chunk): void {
    for (let index = chunk.start; index < chunk.end; index++) {
      try {
        this.outputs[index] = this.work!(this.inputs[index]!);
      } catch (error) {
        this.failures.set(index, error);
        this.stopped = true;
        return;
      }
    }
  }

  /** The next consecutive inputs, at most `most`, fewer as fewer are left; none once stopped. */
  private take(most: number): Chunk | undefined {
    const left = this.inputs.length - this.next;
    if (this.stopped || left <= 0) return undefined;
    const size = Math.max(1, Math.min(most, Math.floor(left / 8)));
    const start = this.next;
    this.next = start + size;
    return { start, end: this.next };
  }
}
