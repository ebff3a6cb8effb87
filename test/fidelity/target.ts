// Where the fidelity scenarios run: the emulator over HTTP (every `npm test`), or a real workspace when
// JOBFORM_FIDELITY_LIVE=1 with DATABRICKS_HOST and DATABRICKS_TOKEN (scripts/fidelity-live.mjs). The
// scenarios only see this interface, so the same code checks both.
import { randomBytes } from "node:crypto";

export interface Answer {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: Record<string, unknown>;
  text: string;
}

export interface CallOptions {
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  contentType?: string;
}

export interface Target {
  live: boolean;
  host: string;
  /** The caller's userName (SCIM Me). */
  me: string;
  /** new_cluster for scenarios that run tasks (JOBFORM_FIDELITY_NODE_TYPE picks the node type on other clouds). */
  cluster: Record<string, unknown>;
  /** A unique suffix for names this run creates, so parallel or aborted runs never collide. */
  tag: string;
  call(method: string, path: string, body?: unknown, opts?: CallOptions): Promise<Answer>;
  /** Runs after the scenario, last registered first, whether it passed or not. */
  cleanup(fn: () => Promise<unknown>): void;
  /** Emulator-only set-up (run outcomes); undefined against a real workspace. */
  control?: (path: string, body: unknown) => Promise<void>;
}

export function httpTarget(host: string, token: string, live: boolean, control?: Target["control"]): Target & { drain(): Promise<void> } {
  const cleanups: Array<() => Promise<unknown>> = [];
  const base = host.replace(/\/+$/, "");
  const t: Target & { drain(): Promise<void> } = {
    live,
    host: base,
    me: "",
    cluster: { spark_version: "15.4.x-scala2.12", node_type_id: process.env.JOBFORM_FIDELITY_NODE_TYPE ?? "i3.xlarge", num_workers: 1 },
    tag: randomBytes(4).toString("hex"),
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers["content-type"] = opts.contentType ?? "application/json";
      const r = await fetch(`${base}${path}`, { method, headers, body: payload });
      const text = await r.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        parsed = { text };
      }
      return { status: r.status, body: parsed, text };
    },
    cleanup(fn) {
      cleanups.push(fn);
    },
    async drain() {
      while (cleanups.length > 0) await (cleanups.pop() as () => Promise<unknown>)().catch(() => undefined);
    },
  };
  if (control) t.control = control;
  return t;
}

/** Fails the scenario with what was expected and what came back. */
export function check(ok: boolean, what: string, got?: unknown): void {
  if (!ok) throw new Error(`${what}${got === undefined ? "" : `; got ${typeof got === "string" ? got : JSON.stringify(got)}`}`);
}
