// The emulated workspace: one in-memory store that every handler reads and writes. Ids come from a
// bigint counter so ids above 2^53 stay exact and a run is repeatable from --id-start.
import type { Principal, PrincipalKind } from "./types.js";
import { BUILTIN_GROUPS, addPrincipal, emptyDirectory, type Directory } from "./principals.js";

export type Json = Record<string, unknown>;

export interface JobRecord {
  /** Decimal id, the map key too; sent on the wire as a number or, above 2^53, a bigint. */
  id: string;
  created_time: number;
  creator_user_name: string;
  /** Stored settings without server defaults; defaults are added on read (see defaults.ts). */
  settings: Json;
  /** Bumped on every write, so cached renderings can tell they are stale. */
  version: number;
}

/** One direct grant of an object's ACL; inherited entries are computed on read. */
export interface Grant {
  kind: PrincipalKind;
  name: string;
  level: string;
}

export type ObjectType = "DIRECTORY" | "NOTEBOOK" | "FILE" | "REPO" | "LIBRARY";
export type Language = "PYTHON" | "SQL" | "SCALA" | "R";

export interface WorkspaceObject {
  path: string;
  object_type: ObjectType;
  object_id: string;
  language?: Language;
  /** Notebook source text (SOURCE format) or file bytes. */
  content?: Buffer;
  created_at: number;
  modified_at: number;
}

/** A cluster policy (Cluster Policies API 2.0); `definition` is the effective one (family + overrides). */
export interface PolicyRecord {
  policy_id: string;
  name: string;
  definition: string;
  description?: string;
  policy_family_id?: string;
  policy_family_definition_overrides?: string;
  max_clusters_per_user?: number;
  creator_user_name: string;
  created_at_timestamp: number;
}

export interface OutcomeRule {
  glob: string;
  state: string;
}

export interface IssuedToken {
  principal: Principal;
  expiresAt: number;
  /** GitHub Actions ID tokens are JWTs meant for exchange, not API tokens of the workspace. */
  kind: "access" | "github-id";
}

export interface FaultRule {
  method: string;
  /** A full path ("/api/2.2/jobs/create") or one below the version ("jobs/create", any version). */
  path: string;
  when: "before" | "after";
  action: "respond" | "reset" | "lost";
  status: number;
  body: unknown;
}

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface WorkspaceConfig {
  user: string;
  idStart: bigint;
  /** Principals treated as workspace admins (member of `admins`): they may do anything. */
  admins: string[];
  /** --token: the only static bearer token served; undefined = any bearer token is the --user. */
  token?: string | undefined;
  /** --principal KIND:NAME: users, groups and service principals that exist besides --user and the clients. */
  principals?: Principal[];
  /** --oauth-client id:secret pairs: service principals that may obtain tokens. */
  oauthClients: Array<{ id: string; secret: string }>;
  /** For the runs engine: how long a simulated run stays RUNNING (--run-duration-ms, default 1000). */
  runDurationMs?: number;
  /** For the runs engine: fail runs whose notebook/python file is not in the tree (--check-paths). */
  checkPaths?: boolean;
}

const ROOT_DIRS = ["/", "/Shared", "/Users", "/Repos"];
const OBJECT_ID_START = 100000000000n;
const LOG_CAP = 200_000;

export class Workspace {
  nextId: bigint;
  nextObjectId = OBJECT_ID_START;
  jobs = new Map<string, JobRecord>();
  /** ACLs by object key ("jobs/123"); kept after a job is deleted, as the real service soft-deletes them. */
  acls = new Map<string, Grant[]>();
  objects = new Map<string, WorkspaceObject>();
  /** Run storage for the runs engine (src/emulator/runs), persisted with the rest of the state. */
  runs = new Map<string, Json>();
  /** Cluster policies by policy_id; ids come from `policySeq`. */
  clusterPolicies = new Map<string, PolicyRecord>();
  policySeq = 0;
  outcomes: OutcomeRule[] = [];
  tokens = new Map<string, IssuedToken>();
  admins: Set<string>;
  /** Users, groups and service principals that exist; ACLs and run_as naming others are refused. */
  directory: Directory = emptyDirectory();
  requestLog: LogEntry[] = [];
  /** One-shot faults added through POST /__emulator/faults (not persisted). */
  faults: FaultRule[] = [];
  private logSeq = 0;
  /** Set by the server: called after each mutating request (persistence hook). */
  onMutate: (() => void) | undefined;

  constructor(readonly config: WorkspaceConfig) {
    this.nextId = config.idStart;
    this.admins = new Set(config.admins.map((a) => a.toLowerCase()));
    addPrincipal(this.directory, { kind: "user", name: config.user });
    for (const g of BUILTIN_GROUPS) addPrincipal(this.directory, { kind: "group", name: g });
    for (const c of config.oauthClients) addPrincipal(this.directory, { kind: "service_principal", name: c.id });
    for (const p of config.principals ?? []) addPrincipal(this.directory, p);
    this.seedTree();
  }

  /** Empties jobs, runs, ACLs and the tree (control endpoint POST /__emulator/reset). */
  reset(): void {
    this.nextId = this.config.idStart;
    this.nextObjectId = OBJECT_ID_START;
    this.jobs.clear();
    this.acls.clear();
    this.objects.clear();
    this.runs.clear();
    this.clusterPolicies.clear();
    this.policySeq = 0;
    this.outcomes = [];
    this.requestLog = [];
    this.logSeq = 0;
    this.seedTree();
  }

  /** Next job/run id as decimal text (jobs and runs share one counter, as --id-start promises). */
  allocateId(): string {
    const id = this.nextId;
    this.nextId += 1n;
    return id.toString();
  }

  allocateObjectId(): string {
    const id = this.nextObjectId;
    this.nextObjectId += 1n;
    return id.toString();
  }

  isAdmin(p: Principal | undefined): boolean {
    return p !== undefined && this.admins.has(p.name.toLowerCase());
  }

  log(entry: Omit<LogEntry, "seq">): void {
    this.logSeq += 1;
    this.requestLog.push({ seq: this.logSeq, ...entry });
    if (this.requestLog.length > LOG_CAP) this.requestLog.splice(0, this.requestLog.length - LOG_CAP);
  }

  private seedTree(): void {
    for (const p of [...ROOT_DIRS, `/Users/${this.config.user}`]) this.putDirectory(p);
  }

  putDirectory(path: string): WorkspaceObject {
    const existing = this.objects.get(path);
    if (existing) return existing;
    const now = Date.now();
    const obj: WorkspaceObject = { path, object_type: "DIRECTORY", object_id: this.allocateObjectId(), created_at: now, modified_at: now };
    this.objects.set(path, obj);
    return obj;
  }
}
