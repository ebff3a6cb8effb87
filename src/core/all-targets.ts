// Every target in one run: the targets a command covers, and the diagnostics of several targets as one
// list where each diagnostic names the targets it holds for.
import type { Diagnostic } from "./diagnostic.js";
import { isPlainObject } from "./merge.js";

export interface TargetDiagnostic extends Diagnostic {
  targets: string[];
}

/** Exit codes of several targets as one: an error (1) beats changes (2) beat nothing to do (0). */
export function combineExitCodes(codes: readonly number[]): number {
  if (codes.some((c) => c !== 0 && c !== 2)) return 1;
  return codes.includes(2) ? 2 : 0;
}

/**
 * The targets of `--all-targets` (every target of jobform.yaml, in its order) or of `--target a,b`; an
 * unknown or missing name is a one-line message. Undefined when the run is about one target.
 */
export function targetsToRun(project: unknown, option: { all: boolean; target: string | undefined }): { targets?: string[]; error?: string } {
  const names = Object.keys(isPlainObject(project) && isPlainObject(project.targets) ? project.targets : {});
  if (option.all) {
    if (option.target !== undefined) return { error: "--all-targets and --target: give one of them" };
    if (names.length === 0) return { error: "--all-targets: jobform.yaml defines no targets" };
    return { targets: names };
  }
  if (option.target === undefined || !option.target.includes(",")) return {};
  const wanted = [...new Set(option.target.split(",").map((t) => t.trim()).filter((t) => t !== ""))];
  const unknown = wanted.filter((t) => !names.includes(t));
  if (unknown.length) return { error: `--target ${option.target}: unknown target${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; known targets: ${names.join(", ") || "none"}` };
  return { targets: wanted };
}

/**
 * One list from the diagnostics of each target: a diagnostic every target shares (a typo in a job file)
 * is said once, naming all of them; each message ends with the targets it holds for.
 */
export function mergeTargetDiagnostics(perTarget: readonly { target: string; diagnostics: readonly Diagnostic[] }[]): TargetDiagnostic[] {
  const byIdentity = new Map<string, TargetDiagnostic>();
  for (const { target, diagnostics } of perTarget) {
    for (const d of diagnostics) {
      const id = JSON.stringify([d.file, d.line, d.column, d.code, d.severity, d.message, d.path]);
      const seen = byIdentity.get(id);
      if (seen) seen.targets.push(target);
      else byIdentity.set(id, { ...d, targets: [target] });
    }
  }
  return [...byIdentity.values()].map((d) => ({ ...d, message: `${d.message} [target${d.targets.length === 1 ? "" : "s"} ${d.targets.join(", ")}]` }));
}
