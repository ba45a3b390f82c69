import { compareSdk } from "./compareSdk.js";
import type { SdkDiffReport } from "./sdkChanges.js";
import { readSdkSurface } from "./sdkSurface.js";
import { openSdkTree } from "./sdkTree.js";

/** The public-API change from one SDK tree (folder or git REF:PATH) to another. */
export function sdkDiff(from: string, to: string): SdkDiffReport {
  const [before, after] = [openSdkTree(from), openSdkTree(to)];
  try {
    return compareSdk(readSdkSurface(before.folder), readSdkSurface(after.folder));
  } finally {
    before.dispose();
    after.dispose();
  }
}
