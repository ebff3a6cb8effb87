// Taking over jobs an Asset Bundle deployed (issue #15). The bundle marks its jobs with
// `deployment: {kind: BUNDLE, metadata_file_path: <root>/state/metadata.json}` and `edit_mode: UI_LOCKED`
// (databricks/cli acceptance outputs; API-NOTES §2.1). A job file never carries those markers, so the plan
// that adopts such a job clears them; which job is which bundle resource comes from the bundle's state in
// the workspace, else from the name among the jobs deployed under the bundle's root path.
import type { Bundle } from "./bundle/assemble.js";
import { workspaceField } from "./bundle/workspace.js";
import { isPlainObject } from "./merge.js";

type Obj = Record<string, unknown>;

/** The bundle a job was deployed by, read from its markers. */
export interface BundleMarkers {
  metadataFilePath?: string;
  /** `${workspace.root_path}` of the bundle's target: the folder holding `state/`. */
  rootPath?: string;
  uiLocked: boolean;
}

const STATE_FILE = /\/state\/[^/]+$/;

/** `/Workspace/Users/x` and `/Users/x` name the same workspace object; compared without the prefix. */
export function workspacePath(path: string): string {
  const clean = path.replace(/\/+/g, "/").replace(/\/$/, "");
  return clean.startsWith("/Workspace/") ? clean.slice("/Workspace".length) : clean;
}

/** The bundle markers of a job's settings, when a bundle deployed it. */
export function bundleMarkers(settings: Readonly<Obj>): BundleMarkers | undefined {
  const d = settings.deployment;
  if (!isPlainObject(d) || d.kind !== "BUNDLE") return undefined;
  const out: BundleMarkers = { uiLocked: settings.edit_mode === "UI_LOCKED" };
  if (typeof d.metadata_file_path === "string" && d.metadata_file_path !== "") {
    out.metadataFilePath = d.metadata_file_path;
    if (STATE_FILE.test(d.metadata_file_path)) out.rootPath = workspacePath(d.metadata_file_path.replace(STATE_FILE, ""));
  }
  return out;
}

/** Settings without the bundle's markers: what the job file holds, and what apply leaves on the job. */
export function withoutBundleMarkers(settings: Readonly<Obj>): Obj {
  if (!bundleMarkers(settings)) return settings as Obj;
  const { deployment: _d, ...rest } = settings as Obj;
  if (rest.edit_mode === "UI_LOCKED") delete rest.edit_mode;
  return rest;
}

/** The state files a bundle keeps under `<root>/state`, in the order they are trusted. */
export const BUNDLE_STATE_FILES = ["metadata.json", "resources.json", "terraform.tfstate"] as const;

const idText = (v: unknown): string | undefined => (typeof v === "string" && /^\d+$/.test(v) ? v : typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? String(v) : undefined);

/**
 * Resource key → job id from one of the bundle's state files: `metadata.json` (config.resources.jobs.<key>.id,
 * what `deployment.metadata_file_path` names), the direct engine's `resources.json` (state["resources.jobs.<key>"]
 * .__id__) or the terraform engine's `terraform.tfstate` (databricks_job resources named by key). Anything
 * else, or text that does not parse, gives an empty map: the caller then matches by name.
 */
export function bundleStateJobIds(file: string, text: string): Map<string, string> {
  const out = new Map<string, string>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return out;
  }
  if (!isPlainObject(data)) return out;
  const name = file.slice(file.lastIndexOf("/") + 1);
  if (name === "metadata.json") {
    const jobs = isPlainObject(data.config) && isPlainObject(data.config.resources) ? data.config.resources.jobs : undefined;
    for (const [key, r] of Object.entries(isPlainObject(jobs) ? jobs : {})) {
      const id = isPlainObject(r) ? idText(r.id) : undefined;
      if (id) out.set(key, id);
    }
  } else if (name === "resources.json") {
    for (const [address, r] of Object.entries(isPlainObject(data.state) ? data.state : {})) {
      const m = /^resources\.jobs\.([^.]+)$/.exec(address);
      const id = m && isPlainObject(r) ? idText(r.__id__) : undefined;
      if (m?.[1] && id) out.set(m[1], id);
    }
  } else if (name === "terraform.tfstate") {
    for (const r of Array.isArray(data.resources) ? data.resources : []) {
      if (!isPlainObject(r) || r.type !== "databricks_job" || r.mode === "data" || typeof r.name !== "string") continue;
      const first = Array.isArray(r.instances) ? r.instances[0] : undefined;
      const id = isPlainObject(first) && isPlainObject(first.attributes) ? idText(first.attributes.id) : undefined;
      if (id) out.set(r.name, id);
    }
  }
  return out;
}

/** A workspace job as matching sees it. */
export interface DeployedJob {
  jobId: string;
  name: unknown;
  settings: Readonly<Obj>;
}

export interface BundleMatch {
  /** Resource key → job id. */
  matched: Map<string, string>;
  how: Map<string, "state" | "name">;
  /** Keys the workspace has no job for (the next apply creates them). */
  missing: string[];
  /** Keys whose name fits more than one deployed job: not adopted, each listed. */
  ambiguous: { key: string; jobIds: string[] }[];
}

/**
 * The workspace job of each bundle resource: by the bundle's state (`stateIds`, key → id) when it names a job
 * that still exists, else by name among the jobs whose markers put them under `rootPath` — a bundle's
 * resource names are not unique in a workspace, its root path is its own. A job is matched once.
 */
export function matchBundleJobs(wanted: readonly { key: string; name: unknown }[], deployed: readonly DeployedJob[], stateIds: ReadonlyMap<string, string>, rootPath: string | undefined): BundleMatch {
  const byId = new Map(deployed.map((j) => [j.jobId, j]));
  const used = new Set<string>();
  const out: BundleMatch = { matched: new Map(), how: new Map(), missing: [], ambiguous: [] };
  const rest: { key: string; name: unknown }[] = [];
  for (const w of wanted) {
    const id = stateIds.get(w.key);
    if (id !== undefined && byId.has(id) && !used.has(id)) {
      out.matched.set(w.key, id);
      out.how.set(w.key, "state");
      used.add(id);
    } else rest.push(w);
  }
  const root = rootPath === undefined ? undefined : workspacePath(rootPath);
  const underRoot = deployed.filter((j) => {
    const m = bundleMarkers(j.settings);
    return m?.rootPath !== undefined && root !== undefined && (m.rootPath === root || m.rootPath.startsWith(`${root}/`));
  });
  for (const w of rest) {
    const same = typeof w.name === "string" ? underRoot.filter((j) => j.name === w.name && !used.has(j.jobId)) : [];
    if (same.length === 1 && same[0]) {
      out.matched.set(w.key, same[0].jobId);
      out.how.set(w.key, "name");
      used.add(same[0].jobId);
    } else if (same.length > 1) out.ambiguous.push({ key: w.key, jobIds: same.map((j) => j.jobId) });
    else out.missing.push(w.key);
  }
  return out;
}

/** Job id → resource key for the jobs a bundle's state names (for keys of workspace imports). */
export function keysByJobId(stateIds: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...stateIds].map(([key, id]) => [id, key]));
}

/** The plan's note for managed or adopted jobs that still carry a bundle's markers. */
export function bundleMarkerNote(keys: readonly string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const list = [...keys].sort().join(", ");
  return `${list} ${keys.length === 1 ? "still carries" : "still carry"} an Asset Bundle's markers (deployment kind BUNDLE): stop deploying ${keys.length === 1 ? "it" : "them"} with the bundle first (remove ${keys.length === 1 ? "it" : "them"} from the bundle, or \`databricks bundle deployment unbind\`), or the next bundle deploy takes ${keys.length === 1 ? "it" : "them"} back (see README "Adopting jobs an Asset Bundle deployed")`;
}

/**
 * The workspace folder a bundle deploys one target into (`workspace.root_path`, the bundles CLI's default
 * when unset), for the deploying user `userName`; undefined when it depends on something not known here.
 */
export function bundleRootPath(bundle: Pick<Bundle, "name" | "workspace" | "targets">, target: string, userName: string): string | undefined {
  const workspace: Obj = { ...(bundle.workspace?.value ?? {}) };
  for (const part of bundle.targets.get(target) ?? []) if (isPlainObject(part.value.workspace)) Object.assign(workspace, part.value.workspace);
  const { hint } = workspaceField("root_path", { name: target, bundleName: bundle.name ?? "", workspace, variables: new Map() });
  const shortName = userName.split("@")[0]?.replace(/[^A-Za-z0-9]/g, "_") ?? "";
  const path = hint.replaceAll("<workspace.current_user.userName>", userName).replaceAll("<workspace.current_user.short_name>", shortName);
  return path.includes("<") || path.includes("${") ? undefined : workspacePath(path.replaceAll("$$", "$"));
}
