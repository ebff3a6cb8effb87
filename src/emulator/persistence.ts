// --state FILE: the store as JSON (lossless ids), written atomically (temp file + rename) so a crash
// never leaves a half-written file, and debounced so bursts of writes cost one disk write.
import { readFileSync, existsSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { Grant, IssuedToken, JobRecord, Json, OutcomeRule, Workspace, WorkspaceObject } from "./state.js";
import { parseJson, stringifyJson } from "../lib/json.js";
import type { Principal } from "./types.js";
import { addPrincipal, listPrincipals } from "./principals.js";

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
}

export function loadState(ws: Workspace, file: string): boolean {
  if (!existsSync(file)) return false;
  restore(ws, parseJson(readFileSync(file, "utf8")) as Snapshot);
  return true;
}

/** Saves after mutations, at most one write in flight, coalescing bursts. */
export class StateSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly file: string,
    private readonly debounceMs = 25,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.debounceMs);
  }

  save(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const text = stringifyJson(snapshot(this.ws));
    this.seq += 1;
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.${this.seq}.tmp`;
    // A failed earlier write must not stop later ones.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await writeFile(tmp, text);
      await rename(tmp, this.file);
    });
    return this.writing;
  }
}
