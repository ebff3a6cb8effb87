// The cycle search walks with its own stack: a 15,000-task depends_on chain (and a cycle closing it) must
// not overflow the call stack.
import { describe, expect, it } from "vitest";
import { findCycles } from "../../src/core/lint/graph.js";
import type { TaskRef } from "../../src/core/lint/context.js";

function chain(n: number, closed: boolean): Map<string, TaskRef> {
  const index = new Map<string, TaskRef>();
  for (let i = 0; i < n; i++) {
    const dep = i > 0 ? `t${i - 1}` : closed ? `t${n - 1}` : undefined;
    index.set(`t${i}`, { task: { task_key: `t${i}`, depends_on: dep ? [{ task_key: dep }] : [] }, segments: ["tasks", String(i)] });
  }
  return index;
}

describe("a 15,000-task depends_on chain", () => {
  it("has no cycle", () => expect(findCycles(chain(15_000, false))).toEqual([]));
  it("closed into a ring, is one cycle of 15,000 tasks", () => {
    const cycles = findCycles(chain(15_000, true));
    expect(cycles.map((c) => c.length)).toEqual([15_000]);
  });
});
