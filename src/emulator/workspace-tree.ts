// Path rules of the workspace tree and the object-creation step shared by workspace/import and
// --workspace-dir mirroring.
import type { Json, Language, ObjectType, Workspace, WorkspaceObject } from "./state.js";
import { ApiFailure, invalid, pathNotFound } from "./errors.js";
import { idFromString } from "../lib/json.js";

const WORKSPACE_ROOT = /^\/Workspace(?=\/|$)/;

/**
 * One spelling per object: `/Workspace/Users/x/nb` and `/Users/x/nb` name the same notebook (issue #12,
 * difference 3). The tree keys objects without the prefix; that answers name them without it is unverified.
 */
export function canonicalPath(path: string): string {
  const p = path.replace(/\/{2,}/g, "/").replace(WORKSPACE_ROOT, "").replace(/\/$/, "");
  return p === "" ? "/" : p;
}

/** Absolute paths only; duplicate and trailing slashes collapse (cli testserver cleans paths too). */
export function cleanPath(raw: unknown): string {
  if (typeof raw !== "string" || raw === "") throw invalid("Missing required field: path");
  if (!raw.startsWith("/")) throw invalid(`Path (${raw}) is not absolute.`);
  return canonicalPath(raw);
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function lookup(ws: Workspace, path: string): WorkspaceObject {
  const obj = ws.objects.get(path);
  if (!obj) throw pathNotFound(path);
  return obj;
}

export function hasChildren(ws: Workspace, path: string): boolean {
  const prefix = path === "/" ? "/" : `${path}/`;
  for (const p of ws.objects.keys()) if (p !== path && p.startsWith(prefix)) return true;
  return false;
}

export function objectInfo(obj: WorkspaceObject): Json {
  const info: Json = { path: obj.path, object_type: obj.object_type, object_id: idFromString(obj.object_id), resource_id: obj.object_id };
  if (obj.language) info.language = obj.language;
  if (obj.object_type === "FILE") {
    info.created_at = obj.created_at;
    info.modified_at = obj.modified_at;
    info.size = obj.content?.length ?? 0;
  }
  return info;
}

/** `mkdir -p`: idempotent; a non-directory on the way is a conflict. */
export function mkdirs(ws: Workspace, path: string): void {
  const parts = path.split("/").filter(Boolean);
  let cur = "";
  for (const part of parts) {
    cur += `/${part}`;
    const existing = ws.objects.get(cur);
    if (existing && existing.object_type !== "DIRECTORY" && existing.object_type !== "REPO")
      throw new ApiFailure(400, "RESOURCE_ALREADY_EXISTS", `Path (${cur}) already exists.`);
    if (!existing) ws.putDirectory(cur);
  }
}

export interface NewObject {
  path: string;
  type: Extract<ObjectType, "NOTEBOOK" | "FILE">;
  language?: Language;
  content: Buffer;
}

/**
 * Writes a notebook or file. Without overwrite an existing object is an error (apply relies on this as
 * an atomic lock): a notebook answers 400, a workspace file 409, both RESOURCE_ALREADY_EXISTS (API-NOTES §7).
 */
export function putObject(ws: Workspace, o: NewObject, overwrite: boolean): void {
  const parent = ws.objects.get(parentOf(o.path));
  if (!parent || (parent.object_type !== "DIRECTORY" && parent.object_type !== "REPO")) throw pathNotFound(parentOf(o.path));
  const existing = ws.objects.get(o.path);
  if (existing && (!overwrite || existing.object_type === "DIRECTORY" || existing.object_type === "REPO"))
    throw new ApiFailure(o.type === "FILE" ? 409 : 400, "RESOURCE_ALREADY_EXISTS", `Path (${o.path}) already exists.`);
  const now = Date.now();
  const obj: WorkspaceObject = {
    path: o.path,
    object_type: o.type,
    object_id: existing && existing.object_type === o.type ? existing.object_id : ws.allocateObjectId(),
    content: o.content,
    created_at: existing?.created_at ?? now,
    modified_at: now,
  };
  if (o.language) obj.language = o.language;
  ws.objects.set(o.path, obj);
}
