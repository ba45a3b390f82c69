import type { SharedWork, ThreadHelper } from "../../generator/util/shareOut.js";

/**
 * Every input's output from a SharedWork (the source's class or a compiled copy's), all inputs added
 * at once, the helper (if any) taking part from the start.
 */
export function shareAll<Input, Output>(
  Shared: typeof SharedWork,
  inputs: readonly Input[],
  work: (input: Input) => Output,
  helper: ThreadHelper<Input, Output> | undefined,
): Promise<Output[]> {
  const shared = new Shared<Input, Output>(() => helper, 0);
  shared.add(inputs);
  return shared.finish(work);
}
