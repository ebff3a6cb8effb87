/**
 * A platform from jobform.yaml (`compute_type` plus sizing) → the compute fields of a runs/submit
 * request. The schema already demands the fields each kind needs; this only translates names to the
 * API's (cluster_version → spark_version, node_type → node_type_id) and puts each field where the API
 * wants it: the cluster on the task, environments and performance_target on the run.
 */
import type { Platform } from "../core/generated/project.js";

export interface RunCompute {
  /** Merged into the one task: new_cluster | existing_cluster_id | environment_key, and libraries. */
  task: Record<string, unknown>;
  /** Merged into the request body: environments, performance_target. */
  run: Record<string, unknown>;
  warnings: string[];
}

/** The only environment a one-off run has; the task refers to it by this key. */
export const ENVIRONMENT_KEY = "default";
// Serverless environments need a version; "2" is the one the platform documents as current for jobs.
const DEFAULT_ENVIRONMENT_VERSION = "2";
/** What `--platform` falls back to, and what a run by path gets when jobform.yaml names no `default`. */
export const DEFAULT_PLATFORM = "default";
export const SERVERLESS: Platform = { compute_type: "Serverless" };

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Sizing and cluster settings both cluster-making kinds share. */
function clusterSettings(p: Platform): Record<string, unknown> {
  return defined({
    spark_version: p.cluster_version,
    num_workers: p.autoscale ? undefined : p.num_workers,
    autoscale: p.autoscale,
    spark_conf: p.spark_conf,
    spark_env_vars: p.spark_env_vars,
    custom_tags: p.custom_tags,
    data_security_mode: p.data_security_mode,
    single_user_name: p.single_user_name,
    runtime_engine: p.runtime_engine,
    policy_id: p.policy_id,
  });
}

export function platformCompute(p: Platform, name: string): RunCompute {
  const out: RunCompute = { task: {}, run: {}, warnings: [] };
  const libraries = p.libraries && p.libraries.length > 0 ? p.libraries : undefined;
  if (p.performance_target && p.compute_type !== "Serverless") out.warnings.push(`platform "${name}": performance_target applies to serverless runs only and is not sent`);
  switch (p.compute_type) {
    case "NewJobCluster":
      out.task.new_cluster = defined({ ...clusterSettings(p), node_type_id: p.node_type, driver_node_type_id: p.driver_node_type });
      break;
    case "ExistingInteractiveCluster":
      out.task.existing_cluster_id = p.existing_cluster_id;
      break;
    case "ExistingInstancePool":
      // The pool fixes the instance type; the API refuses node_type_id next to instance_pool_id.
      if (p.node_type || p.driver_node_type) out.warnings.push(`platform "${name}": node types come from the instance pool; node_type and driver_node_type are not sent`);
      out.task.new_cluster = defined({ ...clusterSettings(p), instance_pool_id: p.instance_pool_id, driver_instance_pool_id: p.driver_instance_pool_id });
      break;
    case "Serverless": {
      if (libraries) out.warnings.push(`platform "${name}": libraries are not installed on serverless compute; list them in environment.dependencies instead`);
      const env = p.environment;
      if (env && ((env.dependencies?.length ?? 0) > 0 || env.environment_version !== undefined)) {
        const spec = defined({ environment_version: env.environment_version ?? DEFAULT_ENVIRONMENT_VERSION, dependencies: env.dependencies });
        out.run.environments = [{ environment_key: ENVIRONMENT_KEY, spec }];
        out.task.environment_key = ENVIRONMENT_KEY;
      }
      if (p.performance_target) out.run.performance_target = p.performance_target;
      return out;
    }
  }
  if (libraries) out.task.libraries = libraries;
  return out;
}
