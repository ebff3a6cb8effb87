// Calls emulator handlers through dispatch, without sockets.
import { createWorkspace } from "../../src/emulator/server.js";
import { dispatch } from "../../src/emulator/dispatch.js";
import type { EmulatorOptions } from "../../src/emulator/options.js";
import type { Workspace } from "../../src/emulator/state.js";
import type { EmuResponse } from "../../src/emulator/types.js";

export function workspace(options: EmulatorOptions = {}): Workspace {
  return createWorkspace(options);
}

export function call(ws: Workspace, method: string, url: string, body?: unknown, token = "t"): EmuResponse {
  const q = url.indexOf("?");
  const fullPath = q < 0 ? url : url.slice(0, q);
  return dispatch(
    { method, path: fullPath, query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)), body, headers: { authorization: `Bearer ${token}` }, apiVersion: undefined },
    ws,
    fullPath,
  );
}

/** The body of a successful call; fails the test with the error body otherwise. */
export function ok<T = Record<string, unknown>>(r: EmuResponse): T {
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export function createJob(ws: Workspace, settings: Record<string, unknown>, version = "2.2"): string {
  const r = ok<{ job_id: number | bigint }>(call(ws, "POST", `/api/${version}/jobs/create`, settings));
  return r.job_id.toString();
}

export function getSettings(ws: Workspace, id: string, version = "2.2"): Record<string, unknown> {
  return ok<{ settings: Record<string, unknown> }>(call(ws, "GET", `/api/${version}/jobs/get?job_id=${id}`)).settings;
}

export const nb = (key: string, extra: Record<string, unknown> = {}) => ({ task_key: key, notebook_task: { notebook_path: `/Shared/${key}` }, ...extra });
