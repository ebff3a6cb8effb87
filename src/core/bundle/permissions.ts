// Bundle permissions (`level` + one principal) as jobform's (`permission_level` + the same principal). The
// bundle-wide list takes CAN_VIEW, CAN_RUN and CAN_MANAGE and the bundles CLI maps them per resource type: for
// a job CAN_RUN is CAN_MANAGE_RUN (bundle/config/mutator/resourcemutator/apply_bundle_permissions.go).
import { isPlainObject } from "../merge.js";
import { levelRank } from "../normalize-acl.js";
import { child } from "./model.js";
import type { Findings, Obj, Sourced } from "./model.js";

const PRINCIPALS = ["user_name", "group_name", "service_principal_name"] as const;
const JOB_LEVELS = ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"];
const BUNDLE_LEVELS: Readonly<Record<string, string>> = { CAN_VIEW: "CAN_VIEW", CAN_RUN: "CAN_MANAGE_RUN", CAN_MANAGE: "CAN_MANAGE" };

/** A list of bundle permissions as jobform entries; `bundleWide` takes the top-level list's levels. */
export function mapPermissions(list: Sourced, f: Findings, bundleWide: boolean): Obj[] {
  if (!Array.isArray(list.value)) {
    f.error(list, "permissions must be a list of {level, user_name | group_name | service_principal_name}");
    return [];
  }
  return list.value.flatMap((_, i) => {
    const e = child(list, String(i)) as Sourced;
    if (!isPlainObject(e.value)) {
      f.error(e, "a permission is a mapping: {level, user_name | group_name | service_principal_name}");
      return [];
    }
    const entry = e.value;
    const who = PRINCIPALS.filter((p) => entry[p] !== undefined);
    const unknown = Object.keys(entry).filter((k) => k !== "level" && !(PRINCIPALS as readonly string[]).includes(k));
    for (const k of unknown) f.error({ ...e, at: [...e.at, k] }, `unknown key "${k}" in a permission (level, user_name, group_name, service_principal_name)`, { key: true });
    if (who.length !== 1 || typeof entry[who[0] as string] !== "string") {
      f.error(e, "a permission names exactly one of user_name, group_name or service_principal_name");
      return [];
    }
    const level = entry.level;
    const mapped = typeof level !== "string" ? undefined : bundleWide ? BUNDLE_LEVELS[level] : JOB_LEVELS.includes(level) ? level : undefined;
    if (mapped === undefined) {
      const allowed = bundleWide ? Object.keys(BUNDLE_LEVELS) : JOB_LEVELS;
      f.error(child(e, "level") ?? e, `level ${JSON.stringify(level)} is not allowed ${bundleWide ? "in the bundle-wide permissions" : "for a job"}; use one of ${allowed.join(", ")}`);
      return [];
    }
    const p = who[0] as string;
    return [{ [p]: entry[p], permission_level: mapped }];
  });
}

const principalOf = (e: Obj) => PRINCIPALS.map((p) => (typeof e[p] === "string" ? `${p}:${(e[p] as string).toLowerCase()}` : "")).join("");

/**
 * A job's own entries with the bundle-wide ones added, one entry per principal (jobform's rule, JF070): where
 * both name a principal, the higher level wins, as the workspace would grant it anyway.
 */
export function withBundleWide(own: readonly Obj[], wide: readonly Obj[]): Obj[] {
  const out = new Map<string, Obj>();
  for (const e of [...own, ...wide]) {
    const k = principalOf(e);
    const had = out.get(k);
    if (!had || levelRank(e.permission_level as string) > levelRank(had.permission_level as string)) out.set(k, e);
  }
  return [...out.values()];
}
