// Values a cluster policy writes into the stored cluster (its fixed values, and its defaults when the spec
// asks for them) are the service's doing, not drift: where git leaves such a place out and the workspace
// holds exactly the policy's value, the value leaves the comparison.
import { isPlainObject } from "../merge.js";
import { valueAt } from "../pointer.js";
import type { PolicyFill } from "./findings.js";

type Obj = Record<string, unknown>;

/** Removes from `live` (canonical, modified) each policy fill that `desired` does not set. */
export function dropPolicyFills(desired: Readonly<Obj>, live: Obj, fills: readonly PolicyFill[]): void {
  for (const { path, value } of fills) {
    if (valueAt(desired, path) !== undefined) continue;
    const parent = valueAt(live, path.slice(0, -1));
    const last = path[path.length - 1] as string;
    if (!isPlainObject(parent) || !(last in parent)) continue;
    const v = parent[last];
    if (v !== null && typeof v !== "object" && String(v) === String(value)) delete parent[last];
    // A map the fill emptied (custom_tags holding only policy tags) is gone on the desired side too.
    if (Object.keys(parent).length === 0 && path.length > 1) {
      const grand = valueAt(live, path.slice(0, -2));
      if (isPlainObject(grand)) delete grand[path[path.length - 2] as string];
    }
  }
}
