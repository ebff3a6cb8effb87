// Shapes shared by every emulator handler: a request and a response as plain values, so handlers are
// testable without sockets and the server is only a thin adapter.
import type { Workspace } from "./state.js";

export type ApiVersion = "2.0" | "2.1" | "2.2";

export interface EmuRequest {
  method: string;
  /** Path below the version prefix for API routes (e.g. "jobs/get"), the full path otherwise. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (lossless: unsafe integers are bigints), a form object, or undefined. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  apiVersion: ApiVersion | undefined;
  /** The identity the auth layer resolved for this request. */
  caller?: Principal;
  /** Path parameters captured by the route pattern. */
  params?: Record<string, string>;
  /** Scheme + host the client used, for URLs the emulator hands out (OIDC discovery). */
  baseUrl?: string;
  /** The raw body bytes, for endpoints that are not JSON. */
  rawBody?: Buffer;
}

export interface EmuResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (workspace export with direct_download). */
  raw?: Buffer;
}

export type Handler = (req: EmuRequest, ws: Workspace) => EmuResponse;

export interface Route {
  method: string;
  /** Pattern below the version prefix (API routes) or the full path; `{name}` captures a segment. */
  pattern: string;
  /** Versions that answer; undefined for routes outside /api/ (OIDC, control endpoints). */
  versions?: readonly ApiVersion[];
  /** Routes that change the store; the server persists the state after them. */
  mutates?: boolean;
  /** /__emulator/ test controls: behind --token, JSON bodies only (guard.ts). */
  control?: boolean;
  handler: Handler;
}

export type PrincipalKind = "user" | "service_principal" | "group";

export interface Principal {
  kind: PrincipalKind;
  name: string;
}
