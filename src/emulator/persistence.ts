// --state FILE: the store as JSON (lossless ids), written atomically (temp file, fsync, rename) before a
// write is acknowledged, so a crash never loses an answered write nor leaves a half-written file.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Grant, IssuedToken, JobRecord, Json, OutcomeRule, PolicyRecord, Workspace, WorkspaceObject } from "./state.js";
import { parseJson, stringifyJson } from "../lib/json.js";
import type { Principal } from "./types.js";
import { addPrincipal, listPrincipals } from "./principals.js";
import { isObject } from "./defaults.js";

const FORMAT = 1;

interface StoredObject extends Omit<WorkspaceObject, "content"> {
  content?: string;
}

interface Snapshot {
  format: number;
  next_id: string;
  next_object_id: string;
  jobs: JobRecord[];
  acls: Record<string, Grant[]>;
  objects: StoredObject[];
  runs: Record<string, Json>;
  outcomes: OutcomeRule[];
  tokens: Record<string, IssuedToken>;
  /** Absent in files written before the directory existed. */
  principals?: Principal[];
  /** Absent in files written before cluster policies were emulated. */
  cluster_policies?: PolicyRecord[];
  policy_seq?: number;
}

export function snapshot(ws: Workspace): Snapshot {
  return {
    format: FORMAT,
    next_id: ws.nextId.toString(),
    next_object_id: ws.nextObjectId.toString(),
    jobs: [...ws.jobs.values()],
    acls: Object.fromEntries(ws.acls),
    objects: [...ws.objects.values()].map(({ content, ...o }) => (content ? { ...o, content: content.toString("base64") } : o)),
    runs: Object.fromEntries(ws.runs),
    outcomes: ws.outcomes,
    tokens: Object.fromEntries(ws.tokens),
    principals: listPrincipals(ws.directory),
    cluster_policies: [...ws.clusterPolicies.values()],
    policy_seq: ws.policySeq,
  };
}

export function restore(ws: Workspace, s: Snapshot): void {
  if (s.format !== FORMAT) throw new Error(`unsupported state file format ${String(s.format)}`);
  ws.nextId = BigInt(s.next_id);
  ws.nextObjectId = BigInt(s.next_object_id);
  ws.jobs = new Map(s.jobs.map((j) => [j.id, j]));
  ws.acls = new Map(Object.entries(s.acls));
  ws.objects = new Map(s.objects.map(({ content, ...o }) => [o.path, content !== undefined ? { ...o, content: Buffer.from(content, "base64") } : o]));
  ws.runs = new Map(Object.entries(s.runs));
  ws.outcomes = s.outcomes;
  ws.tokens = new Map(Object.entries(s.tokens ?? {}));
  for (const p of s.principals ?? []) addPrincipal(ws.directory, p);
  ws.clusterPolicies = new Map((s.cluster_policies ?? []).map((p) => [p.policy_id, p]));
  ws.policySeq = s.policy_seq ?? ws.clusterPolicies.size;
}

/** A --state file that cannot be the store: `serve` says so in one line instead of starting. */
export class StateFileError extends Error {
  constructor(file: string, problem: string) {
    super(`--state ${file} ${problem}`);
    this.name = "StateFileError";
  }
}

/** What is wrong with a parsed state file, or undefined when it has the shape `snapshot` writes. */
function snapshotProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "is not a jobform emulator state file (expected a JSON object)";
  if (v.format !== FORMAT) return `has state format ${JSON.stringify(v.format)}; this emulator reads format ${FORMAT}`;
  const wrong = [
    ...(["next_id", "next_object_id"] as const).filter((k) => typeof v[k] !== "string" || !/^\d+$/.test(v[k] as string)),
    ...(["jobs", "objects", "outcomes"] as const).filter((k) => !Array.isArray(v[k])),
    ...(["acls", "runs"] as const).filter((k) => !isObject(v[k])),
    ...(["tokens"] as const).filter((k) => v[k] !== undefined && !isObject(v[k])),
    ...(["principals", "cluster_policies"] as const).filter((k) => v[k] !== undefined && !Array.isArray(v[k])),
  ];
  return wrong.length ? `is not a jobform emulator state file (wrong or missing: ${wrong.join(", ")})` : undefined;
}

export function loadState(ws: Workspace, file: string): boolean {
  if (!existsSync(file)) return false;
  if (!statSync(file).isFile()) throw new StateFileError(file, "is not a regular file");
  let parsed: unknown;
  try {
    parsed = parseJson(readFileSync(file, "utf8"));
  } catch (e) {
    throw new StateFileError(file, `is not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const problem = snapshotProblem(parsed);
  if (problem) throw new StateFileError(file, problem);
  restore(ws, parsed as Snapshot);
  return true;
}

/**
 * Saves the store before a write is acknowledged (issue #18, point 11: a create answered 200 must survive a
 * kill -9, and its id must never be handed out again). Group commit: a commit joins the next save not yet
 * started, so a burst of writes costs one disk write per in-flight save, not one per request. Each save
 * is a temp file, fsync, rename: a kill at any moment leaves the old file or the new one, never half.
 */
export class StateSaver {
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  private seq = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly file: string,
  ) {
    removeStrayTemps(file);
  }

  /** Resolves once a save that began after this call has reached the disk. */
  commit(): Promise<void> {
    if (!this.next) {
      const next = this.running.catch(() => undefined).then(() => {
        this.next = undefined;
        return this.write();
      });
      this.next = next;
      this.running = next;
    }
    return this.next;
  }

  private async write(): Promise<void> {
    // The snapshot is taken when the save starts, so it holds every write that joined it.
    const text = stringifyJson(snapshot(this.ws));
    this.seq += 1;
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.${this.seq}.tmp`;
    try {
      const fh = await open(tmp, "w");
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}

/** Temp files of saves a crash interrupted: never the state, always safe to delete. */
function removeStrayTemps(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(prefix) && n.endsWith(".tmp")) rmSync(join(dir, n), { force: true });
}
