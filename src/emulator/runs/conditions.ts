// run_if gates and condition_task evaluation (API-NOTES §2.2/§2.3): which dependency outcomes let a task
// run, and what a task that may not run ends as.
import type { Json } from "../state.js";
import type { Ending } from "./model.js";
import { classify, notRun, type DepClass } from "./endings.js";

/** What one dependency contributed: a condition dependency whose outcome does not match counts as skipped. */
export function depClass(result: string, conditionOutcome: string | undefined, wanted: unknown): DepClass {
  const c = classify(result);
  if (c === "success" && typeof wanted === "string" && conditionOutcome !== undefined && wanted !== conditionOutcome) return "skipped";
  return c;
}

const someOf = (deps: DepClass[], c: DepClass) => deps.some((d) => d === c);

/** Undefined when the task runs; otherwise the ending of a task that never executes. */
export function gate(runIf: unknown, deps: DepClass[]): Ending | undefined {
  if (deps.length === 0) return undefined;
  const blocked = (): Ending => notRun(someOf(deps, "failed") ? "UPSTREAM_FAILED" : someOf(deps, "canceled") ? "UPSTREAM_CANCELED" : "EXCLUDED");
  switch (runIf ?? "ALL_SUCCESS") {
    case "ALL_DONE":
      return undefined;
    case "AT_LEAST_ONE_SUCCESS":
      return someOf(deps, "success") ? undefined : blocked();
    case "NONE_FAILED":
      // None failed and at least one executed: all-skipped dependencies exclude the task.
      if (someOf(deps, "failed") || someOf(deps, "canceled")) return blocked();
      return someOf(deps, "success") ? undefined : notRun("EXCLUDED");
    case "AT_LEAST_ONE_FAILED":
      return someOf(deps, "failed") ? undefined : notRun("EXCLUDED");
    case "ALL_FAILED":
      return deps.every((d) => d === "failed") ? undefined : notRun("EXCLUDED");
    default:
      return deps.every((d) => d === "success") ? undefined : blocked();
  }
}

const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  GREATER_THAN: (a, b) => a > b,
  GREATER_THAN_OR_EQUAL: (a, b) => a >= b,
  LESS_THAN: (a, b) => a < b,
  LESS_THAN_OR_EQUAL: (a, b) => a <= b,
};

/** EQUAL_TO / NOT_EQUAL compare strings; the ordering operators compare numbers and fail on non-numbers. */
export function evaluateCondition(cond: Json, resolve: (s: string) => string): { outcome?: "true" | "false"; error?: string } {
  const left = resolve(String(cond.left ?? ""));
  const right = resolve(String(cond.right ?? ""));
  const op = String(cond.op ?? "");
  if (op === "EQUAL_TO") return { outcome: left === right ? "true" : "false" };
  if (op === "NOT_EQUAL") return { outcome: left !== right ? "true" : "false" };
  const fn = NUMERIC_OPS[op];
  // wording ours.
  if (!fn) return { error: `Unsupported condition operator: ${op}` };
  const a = Number(left);
  const b = Number(right);
  if (left.trim() === "" || right.trim() === "" || Number.isNaN(a) || Number.isNaN(b))
    return { error: `Cannot compare non-numeric values '${left}' and '${right}' with ${op}.` };
  return { outcome: fn(a, b) ? "true" : "false" };
}

/** Substitutes {{job.parameters.x}}, {{input}} and the like; unknown references stay as written. */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => vars[name] ?? whole);
}
