// Every principal a job names (permissions entries and run_as), with the place it was written, so a
// principal the workspace does not know can be reported at its line before anything is written.
import type { Diagnostic } from "./diagnostic.js";
import type { DesiredJob } from "./resolve.js";
import { isPlainObject } from "./merge.js";

export type PrincipalKind = "user" | "group" | "service_principal";

export interface PrincipalRef {
  kind: PrincipalKind;
  name: string;
  /** The job file field that names it: `user_name`, `group_name` or `service_principal_name`. */
  field: string;
  job: DesiredJob;
  segments: string[];
}

const FIELDS: ReadonlyArray<[string, PrincipalKind]> = [
  ["user_name", "user"],
  ["group_name", "group"],
  ["service_principal_name", "service_principal"],
];

function refsIn(job: DesiredJob, entry: unknown, base: string[], out: PrincipalRef[]): void {
  if (!isPlainObject(entry)) return;
  for (const [field, kind] of FIELDS) {
    const name = entry[field];
    if (typeof name === "string" && name !== "") out.push({ kind, name, field, job, segments: [...base, field] });
  }
}

export function principalRefs(jobs: readonly DesiredJob[]): PrincipalRef[] {
  const out: PrincipalRef[] = [];
  for (const job of jobs) {
    const perms = job.document.permissions;
    if (Array.isArray(perms)) perms.forEach((p, i) => refsIn(job, p, ["permissions", String(i)], out));
    refsIn(job, job.document.run_as, ["run_as"], out);
  }
  return out;
}

/** One lookup per principal: kind and case-insensitive name (API-NOTES §5.6). */
export const principalKey = (r: Pick<PrincipalRef, "kind" | "name">) => `${r.kind}:${r.name.toLowerCase()}`;

const KIND_WORD: Record<PrincipalKind, string> = { user: "user", group: "group", service_principal: "service principal" };

/** JF071 at each place that names a principal the workspace said does not exist. */
export function unknownPrincipalDiagnostics(refs: readonly PrincipalRef[], unknown: ReadonlySet<string>, host: string): Diagnostic[] {
  return refs
    .filter((r) => unknown.has(principalKey(r)))
    .map((r) => {
      const at = r.job.locate(r.segments);
      const message = `${r.field} "${r.name}": no ${KIND_WORD[r.kind]} of that name exists in ${host}; the workspace would refuse this job's ${r.segments[0] === "run_as" ? "run_as" : "permissions"}`;
      return { severity: "error" as const, code: "JF071", message, file: at.file, line: at.line, column: at.column, path: at.path };
    });
}
