// The cluster policies the project's job clusters name, read with the Cluster Policies API: one
// policies/clusters/get per distinct policy id, and one policies/clusters/list only when a spec asks for
// the default policy. Cached per client (plan and apply in one process, and jobs sharing a policy, cost
// one call each); every call goes through the client, so through its rate limiter and retries.
import type { DatabricksClient } from "../databricks/index.js";
import { ApiError, isNotFound } from "../databricks/errors.js";
import { namedPolicies } from "../core/cluster-policy/clusters.js";
import type { ClusterPolicy, PolicySet } from "../core/cluster-policy/findings.js";
import { mapLimit } from "../lib/map-limit.js";

const CONCURRENCY = 8;
/** The family of the workspace's default policy for job compute (policy-families; not verified per cloud). */
const JOB_FAMILY = "job-cluster";

interface Cached {
  byId: Map<string, Promise<ClusterPolicy | undefined>>;
  defaultId?: Promise<string | undefined>;
}

const cache = new WeakMap<DatabricksClient, Cached>();

interface PolicyAnswer extends ClusterPolicy {
  is_default?: boolean;
  policy_family_id?: string;
}

/** A policy, or undefined when the workspace has none by that id (or will not show it to these credentials). */
async function getPolicy(client: DatabricksClient, id: string): Promise<ClusterPolicy | undefined> {
  try {
    const p = await client.request<PolicyAnswer>("GET", "/api/2.0/policies/clusters/get", { query: { policy_id: id } });
    return { policy_id: String(p.policy_id ?? id), ...(typeof p.name === "string" ? { name: p.name } : {}), ...(typeof p.definition === "string" ? { definition: p.definition } : {}) };
  } catch (e) {
    if (isNotFound(e) || (e instanceof ApiError && e.status === 403)) return undefined;
    throw e;
  }
}

async function defaultPolicyId(client: DatabricksClient): Promise<string | undefined> {
  const r = await client.request<{ policies?: PolicyAnswer[] }>("GET", "/api/2.0/policies/clusters/list");
  return (r.policies ?? []).find((p) => p.is_default === true && p.policy_family_id === JOB_FAMILY)?.policy_id;
}

function remembered<T>(start: () => Promise<T>, forget: () => void): Promise<T> {
  const p = start();
  // A failed read is not remembered: the next run asks again.
  p.catch(forget);
  return p;
}

export async function readClusterPolicies(client: DatabricksClient, documents: readonly Readonly<Record<string, unknown>>[]): Promise<PolicySet> {
  const { ids, wantsDefault } = namedPolicies(documents);
  let c = cache.get(client);
  if (!c) cache.set(client, (c = { byId: new Map() }));
  const known = c;
  const read = (id: string) => {
    let p = known.byId.get(id);
    if (!p) known.byId.set(id, (p = remembered(() => getPolicy(client, id), () => known.byId.delete(id))));
    return p;
  };
  let defaultId: string | undefined;
  if (wantsDefault) {
    known.defaultId ??= remembered(() => defaultPolicyId(client), () => (known.defaultId = undefined));
    defaultId = await known.defaultId;
  }
  const wanted = defaultId !== undefined && !ids.includes(defaultId) ? [...ids, defaultId] : ids;
  const answers = await mapLimit(wanted, CONCURRENCY, async (id) => [id, await read(id)] as const);
  const byId = new Map(answers.flatMap(([id, p]) => (p ? [[id, p] as const] : [])));
  return { byId, ...(defaultId !== undefined ? { defaultPolicyId: defaultId } : {}) };
}
