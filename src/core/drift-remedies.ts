// Drift has two remedies of equal standing — revert (apply puts git's values back into the workspace) and
// adopt (pull writes the workspace's values into the YAML, for review) — and a third answer for fields the
// people running the jobs own: an `ignore:` rule, after which neither drift nor apply touches them. This names
// them per drifted job, each with the command that carries it out, for the renderers and the JSON.
import type { JobChange, Plan } from "./plan-types.js";

export type RemedyKind = "revert" | "adopt" | "ignore";

export interface Remedy {
  kind: RemedyKind;
  /** What the remedy does to this job, one sentence. */
  says: string;
  /** The shell command that carries it out; absent for `ignore` (a rule is written, not run). */
  command?: string;
  /** `ignore` only: the pointers a rule would name (the plan's paths, keyed lists by key). */
  paths?: string[];
}

/** A drifted job of `drift --format json`: the plan's change plus its remedies. */
export type DriftChange = JobChange & { remedies?: Remedy[] };

/** A word as a POSIX shell reads it back unchanged: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function command(words: string[]): string {
  return words.map(shellWord).join(" ");
}

/** The distinct field paths of a change, in the plan's order: what an `ignore:` rule would name. */
function fieldPaths(c: JobChange): string[] {
  return [...new Set(c.fields.map((f) => f.path))];
}

/** The remedies of one job of a drift (none for a job in sync). `target` is the plan's, null without targets. */
export function remediesFor(c: JobChange, target: string | null | undefined): Remedy[] {
  const scope = target ? ["--target", target] : [];
  const job = ["--job", c.key];
  if (c.action === "update") {
    const paths = fieldPaths(c);
    // The ownership tags (a job taken over through `adopt:`, or applied before deployments) are only ever
    // written by apply: when they are all that differs, there is nothing for pull to adopt.
    const tagsOnly = paths.length === 0 && c.permissions.length === 0;
    const tags = c.adopting || c.migrating ? " and write jobform's ownership tags onto it" : "";
    return [
      { kind: "revert", says: `put git's values back in the workspace${tags}`, command: command(["jobform", "apply", ...scope, ...job]) },
      ...(tagsOnly ? [] : [{ kind: "adopt" as const, says: "write the workspace's values into the YAML, to review and merge", command: command(["jobform", "pull", ...scope, ...job]) }]),
      // Permissions are not fields an ignore rule can name: a permissions-only drift has two remedies.
      ...(paths.length
        ? [{ kind: "ignore" as const, says: "if operators own these fields, list them under `ignore:` in jobform.yaml and neither drift nor apply touches them", paths }]
        : []),
    ];
  }
  if (c.action === "create") {
    return [
      { kind: "revert", says: `create it again from jobs/${c.key}.yaml`, command: command(["jobform", "apply", ...scope, ...job]) },
      { kind: "adopt", says: `it was deleted in the workspace; remove jobs/${c.key}.yaml from git too`, command: command(["jobform", "pull", ...scope, ...job, "--delete-missing"]) },
    ];
  }
  if (c.action === "delete") {
    return [
      { kind: "revert", says: "prune deletes it, and every other managed job of this target that has no definition", command: command(["jobform", "apply", ...scope, "--prune"]) },
      { kind: "adopt", says: `to keep it, bring jobs/${c.key}.yaml back from the commit before the one that removed it`, command: command(["git", "log", "--oneline", "--diff-filter=D", "--", `jobs/${c.key}.yaml`]) },
    ];
  }
  return [];
}

/** The plan as `drift --format json` writes it: every drifted job carries its `remedies`. */
export function withRemedies(plan: Plan): Plan & { changes: DriftChange[] } {
  return { ...plan, changes: plan.changes.map((c) => (c.action === "no-op" ? c : { ...c, remedies: remediesFor(c, plan.target) })) };
}
