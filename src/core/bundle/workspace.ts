// `${workspace.*}` for one target: the bundle's `workspace:` (top level, then the target's) or the bundles CLI's
// defaults, in jobform text with `${target}` for the target's name. What cannot be known offline (the deploying
// user) leaves the value unknown, and the hint shows it as `<workspace.current_user.userName>`.
import { escapeText, rewriteString } from "./references.js";
import type { VarScalar } from "./variables.js";

export interface TargetContext {
  name: string;
  bundleName: string;
  /** The bundle's `workspace:` with the target's own merged over it. */
  workspace: Readonly<Record<string, unknown>>;
  /** Simple variables' values for this target, where known. */
  variables: ReadonlyMap<string, VarScalar>;
}

// The bundles CLI's defaults (bundle/config/mutator/default_workspace_paths.go, default_workspace_root.go).
const DEFAULTS: Readonly<Record<string, string>> = {
  root_path: "/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}",
  file_path: "${workspace.root_path}/files",
  artifact_path: "${workspace.root_path}/artifacts",
  state_path: "${workspace.root_path}/state",
  resource_path: "${workspace.root_path}/resources",
};

export interface FieldValue {
  /** jobform text, `${target}` standing for the target's name; absent when something in it is unknown. */
  value?: string;
  /** The value with unknowns written as `<path>` and the target's name filled in: for the report. */
  hint: string;
}

/**
 * A workspace field for one target. `leaf` may give text for what is unknown offline (a variable standing for
 * the deploying user), so that a path is written once with that variable rather than becoming a variable itself.
 */
export function workspaceField(field: string, t: TargetContext, leaf?: (path: string) => string | undefined, depth = 0): FieldValue {
  const own = Object.hasOwn(t.workspace, field) ? t.workspace[field] : undefined;
  const raw = typeof own === "string" ? own : Object.hasOwn(DEFAULTS, field) ? DEFAULTS[field] : undefined;
  if (raw === undefined || depth > 8) {
    const value = leaf?.(`workspace.${field}`);
    return value === undefined ? { hint: `<workspace.${field}>` } : { value, hint: `<workspace.${field}>` };
  }
  let unknown = false;
  const text = rewriteString(raw, {
    inline(path) {
      if (path === "bundle.target") return "${target}";
      if (path === "bundle.name") return escapeText(t.bundleName);
      if (path.startsWith("workspace.")) {
        const inner = workspaceField(path.slice("workspace.".length), t, leaf, depth + 1);
        if (inner.value !== undefined) return inner.value;
        unknown = true;
        return inner.hint;
      }
      if (path.startsWith("var.") && t.variables.has(path.slice(4))) return escapeText(String(t.variables.get(path.slice(4))));
      const given = leaf?.(path);
      if (given !== undefined) return given;
      unknown = true;
      return `<${path}>`;
    },
  }) as string;
  const hint = text.replaceAll("${target}", t.name);
  return unknown ? { hint } : { value: text, hint };
}
