// Everything in a bundle that jobform does not do, said in the report rather than dropped: other resource
// types, file sync, artifacts, presets, scripts, Python-defined resources, the bundles CLI's own settings.
import type { LoadedDocument } from "../load.js";
import { isPlainObject } from "../merge.js";
import { otherResources } from "./assemble.js";
import { child } from "./model.js";
import type { Findings, Obj, Sourced, Topic } from "./model.js";
import type { ChosenTarget } from "./targets.js";

const WHAT: Readonly<Record<string, { topic: Topic; text: string }>> = {
  sync: { topic: "sync", text: "sync (include/exclude/paths): the bundles CLI uploads the bundle's files; jobform uploads nothing — keep the files in the workspace another way (a git folder, databricks sync, the bundle)" },
  artifacts: { topic: "artifacts", text: "artifacts: the bundles CLI builds and uploads libraries (wheels, jars); jobform does not — build and upload them in CI and point the tasks' libraries at the uploaded paths" },
  presets: { topic: "presets", text: "presets (name_prefix, tags, trigger_pause_status, jobs_max_concurrent_runs, …) are not applied; write what you need into the jobs or the target's jobs overrides" },
  python: { topic: "python", text: "python: resources defined in Python code are not read, so their jobs are not converted; `databricks bundle validate --output json` prints them, to add by hand" },
  experimental: { topic: "python", text: "experimental: settings (Python-defined resources, scripts) are not read; jobs defined in Python are not converted" },
  scripts: { topic: "settings", text: "scripts: commands the bundles CLI runs around a deploy are not run by jobform" },
  git: { topic: "settings", text: "git: the bundle's git settings (branch checks) are not converted; jobform's production mode has branch:" },
  compute_id: { topic: "settings", text: "compute_id: the bundles CLI runs every task of this target on one cluster; jobform does not — override the tasks' compute in the target's jobs overrides" },
  cluster_id: { topic: "settings", text: "cluster_id: the bundles CLI runs every task of this target on one cluster; jobform does not — override the tasks' compute in the target's jobs overrides" },
  bundle: { topic: "settings", text: "bundle: settings of the bundles CLI (engine, deployment, git, cluster_id, …) have no jobform counterpart" },
};

function say(f: Findings, key: string, s: Sourced | undefined, prefix = ""): void {
  const w = WHAT[key];
  if (w && s) f.note(w.topic, prefix + w.text, s, { key: true });
}

// What of `workspace:` the conversion uses: the paths, the host (a target's host) and the profile (a target's profile).
const WORKSPACE_USED = ["host", "profile", "root_path", "file_path", "artifact_path", "state_path", "resource_path"];

function workspaceExtras(f: Findings, ws: Sourced | undefined, prefix: string): void {
  if (!ws || !isPlainObject(ws.value)) return;
  const extra = Object.keys(ws.value).filter((k) => !WORKSPACE_USED.includes(k));
  if (extra.length) f.note("settings", `${prefix}workspace: ${extra.join(", ")} — authentication settings other than the profile are not converted; jobform reads a profile, the environment or --host`, ws, { key: true });
}

export function reportUnconverted(files: readonly LoadedDocument[], targets: readonly ChosenTarget[], f: Findings): void {
  for (const [type, places] of otherResources(files)) {
    for (const s of places) {
      const keys = Object.keys(s.value);
      f.note("resources", `${type}: ${keys.join(", ")} — jobform manages jobs only; keep deploying ${keys.length === 1 ? "it" : "them"} with the bundle (or another tool)`, s, { key: true });
    }
  }
  for (const doc of files) {
    if (!isPlainObject(doc.value)) continue;
    const top: Sourced<Obj> = { value: doc.value, doc, at: [] };
    for (const key of ["sync", "artifacts", "presets", "python", "experimental", "scripts"]) say(f, key, child(top, key));
    const b = child(top, "bundle");
    if (b && isPlainObject(b.value)) {
      const extra = Object.keys(b.value).filter((k) => k !== "name");
      if (extra.length) f.note("settings", `bundle: ${extra.join(", ")} — settings of the bundles CLI with no jobform counterpart`, b, { key: true });
    }
    workspaceExtras(f, child(top, "workspace"), "");
  }
  for (const t of targets) {
    for (const p of t.parts) workspaceExtras(f, child(p, "workspace"), `target ${t.ctx.name}: `);
    for (const p of t.parts) for (const key of ["sync", "artifacts", "presets", "git", "compute_id", "cluster_id", "bundle"]) say(f, key, child(p, key), `target ${t.ctx.name}: `);
  }
}
