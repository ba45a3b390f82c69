/**
 * Work shared between this thread and one helper thread: both take the next inputs from one queue,
 * in order, so neither waits while the other has work left, and the outputs come back in input
 * order whoever did them.
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
  close(): void;
}

/**
 * `work` done on every input, in input order, by this thread and by `helper` if given. An input that
 * fails fails the whole run with the error of the first failing input in order, as one thread would:
 * inputs are handed out in order, so every input before a failure is done before the error is
 * chosen. A helper that fails (its thread stopped, or an input failed there) hands its chunk back to
 * this thread, whose own error is the one reported.
 */
export async function shareOut<Input, Output>(
  inputs: readonly Input[],
  work: (input: Input) => Output,
  helper: ThreadHelper<Input, Output> | undefined,
): Promise<Output[]> {
  const outputs: Output[] = new Array(inputs.length);
  const failures = new Map<number, unknown>();
  const queue = new ChunkQueue(inputs.length);
  const doHere = (chunk: Chunk) => {
    for (let index = chunk.start; index < chunk.end; index++) {
      try {
        outputs[index] = work(inputs[index]!);
      } catch (error) {
        failures.set(index, error);
        queue.stop();
        return;
      }
    }
  };
  try {
    const helping = helper ? helpAlong(inputs, queue, helper, outputs, doHere) : Promise.resolve();
    for (let chunk = queue.take(CHUNK_HERE); chunk; chunk = queue.take(CHUNK_HERE)) {
      doHere(chunk);
      // Lets the helper's answers in, so it is handed its next chunk while this thread works.
      if (helper) await new Promise((resolve) => setImmediate(resolve));
    }
    await helping;
  } finally {
    helper?.close();
  }
  if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
  return outputs;
}

/** Hands `helper` chunks until the queue is empty, keeping more waiting so it never idles between answers. */
async function helpAlong<Input, Output>(
  inputs: readonly Input[],
  queue: ChunkQueue,
  helper: ThreadHelper<Input, Output>,
  outputs: Output[],
  doHere: (chunk: Chunk) => void,
): Promise<void> {
  const run = async (): Promise<void> => {
    for (let chunk = queue.take(HELPER_CHUNK); chunk; chunk = queue.take(HELPER_CHUNK)) {
      try {
        const answer = await helper.run(inputs.slice(chunk.start, chunk.end));
        answer.forEach((output, offset) => (outputs[chunk.start + offset] = output));
      } catch {
        doHere(chunk);
      }
    }
  };
  await Promise.all(Array.from({ length: HELPER_CHUNKS_WAITING }, run));
}

interface Chunk {
  start: number;
  end: number;
}

/** Consecutive chunks of file indices, shorter as fewer are left; `stop` hands out no more. */
class ChunkQueue {
  private next = 0;
  constructor(private end: number) {}

  take(most: number): Chunk | undefined {
    if (this.next >= this.end) return undefined;
    const size = Math.max(1, Math.min(most, Math.floor((this.end - this.next) / 8)));
    const start = this.next;
    this.next = Math.min(this.end, start + size);
    return { start, end: this.next };
  }

  stop(): void {
    this.end = this.next;
  }
}
