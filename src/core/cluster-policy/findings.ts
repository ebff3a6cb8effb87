// The project's jobs against the cluster policies they name: located errors (JF075 a rule broken, JF076 a
// policy that is missing or unreadable), the plan errors apply refuses jobs by, and the values the policies
// write into the stored clusters (so the differ does not see them as drift).
import type { Diagnostic } from "../diagnostic.js";
import type { PlanError } from "../plan-types.js";
import type { DesiredJob } from "../resolve.js";
import { parsePolicyDefinition } from "./definition.js";
import type { ParsedPolicy, Scalar } from "./definition.js";
import { jobClusters, policyIdOf } from "./clusters.js";
import { evaluatePolicy } from "./evaluate.js";

/** A policy as the Cluster Policies API answers `get`. */
export interface ClusterPolicy {
  policy_id: string;
  name?: string;
  definition?: string;
}

export interface PolicySet {
  /** Policies by id; an id that is not here does not exist in the workspace. */
  byId: ReadonlyMap<string, ClusterPolicy>;
  /** The workspace's default job compute policy, for specs that only set apply_policy_default_values. */
  defaultPolicyId?: string;
}

/** A value a policy writes into a stored cluster, at its place in the canonical settings. */
export interface PolicyFill {
  path: string[];
  value: Scalar;
}

export interface PolicyFindings {
  diagnostics: Diagnostic[];
  errors: PlanError[];
  /** By job key. */
  fills: Map<string, PolicyFill[]>;
}

const named = (p: ClusterPolicy) => `policy "${p.name ?? p.policy_id}" (${p.policy_id})`;

export function clusterPolicyFindings(jobs: readonly DesiredJob[], policies: PolicySet): PolicyFindings {
  const out: PolicyFindings = { diagnostics: [], errors: [], fills: new Map() };
  const parsed = new Map<string, ParsedPolicy>();
  const parse = (p: ClusterPolicy) => {
    let got = parsed.get(p.policy_id);
    if (!got) parsed.set(p.policy_id, (got = parsePolicyDefinition(p.definition ?? "{}")));
    return got;
  };
  for (const job of jobs) {
    for (const cluster of jobClusters(job.document)) {
      const id = policyIdOf(cluster.spec, policies.defaultPolicyId);
      if (id === undefined) continue;
      const policy = policies.byId.get(id);
      const report = (code: "JF075" | "JF076", segments: string[], message: string, extra: Partial<PlanError>) => {
        const at = job.locate([...cluster.segments, ...segments]);
        const text = `${job.key}, ${cluster.label}: ${message}`;
        out.diagnostics.push({ severity: "error", code, message: text, file: at.file, line: at.line, column: at.column, path: at.path });
        out.errors.push({ code: "cluster-policy", key: job.key, job_ids: [], message: `${at.file}:${at.line}:${at.column}: ${text}`, file: at.file, line: at.line, column: at.column, cluster: cluster.label, policy_id: id, ...extra });
      };
      if (!policy) {
        report("JF076", ["policy_id"], `cluster policy ${id} does not exist in the workspace (or these credentials may not read it)`, {});
        continue;
      }
      const rules = parse(policy);
      if (rules.problems.length) report("JF076", ["policy_id"], `${named(policy)} has a definition jobform cannot read: ${rules.problems.join("; ")}`, { policy_name: policy.name });
      const result = evaluatePolicy(cluster.spec, rules, { applyDefaults: cluster.spec.apply_policy_default_values === true });
      for (const v of result.violations)
        report("JF075", v.segments, `${named(policy)}: ${v.path} ${v.reason} [${v.kind}]`, { policy_name: policy.name, rule: v.kind, attribute: v.path });
      if (result.fills.length) {
        const fills = out.fills.get(job.key) ?? [];
        fills.push(...result.fills.map((f) => ({ path: [...cluster.canonical, ...f.segments], value: f.value })));
        out.fills.set(job.key, fills);
      }
    }
  }
  return out;
}
