// Policy attribute paths against a cluster spec. A path joins nested field names with dots; in the map
// fields (Spark conf, env vars, custom tags) everything after the field name is one key, since Spark conf
// keys have dots of their own (`spark_conf.spark.databricks.io.cache.enabled`). `*` stands for every key
// of a map or every element of a list; a number is a list index (`init_scripts.0.workspace.destination`).
import { isPlainObject } from "../merge.js";

const MAP_FIELDS: ReadonlySet<string> = new Set(["spark_conf", "spark_env_vars", "custom_tags"]);

export function splitPolicyPath(path: string): string[] {
  const [head = "", ...rest] = path.split(".");
  return MAP_FIELDS.has(head) && rest.length ? [head, rest.join(".")] : [head, ...rest];
}

export const isWildcard = (segments: readonly string[]) => segments.includes("*");

export interface Found {
  /** Where the value is, in the cluster spec: object keys and list indexes. */
  segments: string[];
  value: unknown;
}

/** Every value `segments` addresses in `cluster`, wildcards expanded; none when nothing is there. */
export function valuesAt(cluster: unknown, segments: readonly string[]): Found[] {
  const out: Found[] = [];
  // One shared stack of keys, copied only for a value found: most rules find nothing or one value.
  const at: string[] = [];
  const visit = (child: unknown, key: string, i: number) => {
    at.push(key);
    walk(child, i);
    at.pop();
  };
  const walk = (node: unknown, i: number): void => {
    if (node === undefined || node === null) return;
    if (i === segments.length) {
      out.push({ segments: at.slice(), value: node });
      return;
    }
    const seg = segments[i] as string;
    if (Array.isArray(node)) {
      if (seg === "*") node.forEach((v, n) => visit(v, String(n), i + 1));
      else if (/^\d+$/.test(seg)) visit(node[Number(seg)], seg, i + 1);
      return;
    }
    if (!isPlainObject(node)) return;
    if (seg === "*") for (const k of Object.keys(node)) visit(node[k], k, i + 1);
    else if (Object.prototype.hasOwnProperty.call(node, seg)) visit(node[seg], seg, i + 1);
  };
  walk(cluster, 0);
  return out;
}

/** The path as a policy would name one concrete place: `custom_tags.team`, `init_scripts.1.volumes.destination`. */
export const policyPathOf = (segments: readonly string[]) => segments.join(".");
