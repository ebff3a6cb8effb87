// Cluster Policies API 2.0 (policies/clusters/create|get|list|edit|delete) and Policy Families API 2.0
// (policy-families, policy-families/{id}). Shapes from the SDK models (compute.Policy, PolicyFamily):
// the definition is JSON text, not an embedded object; a family-based policy's definition is the family's
// with policy_family_definition_overrides merged over it; names are unique; only admins write.
import type { EmuRequest, EmuResponse } from "../types.js";
import type { PolicyRecord, Workspace } from "../state.js";
import { ApiFailure, invalid, missingField, permissionDenied } from "../errors.js";
import { isObject } from "../defaults.js";
import { bodyObject, decodePageToken, encodePageToken } from "../request-fields.js";
import { POLICY_FAMILIES } from "../cluster-policy-families.js";

// Wording of the not-found and duplicate-name answers is ours (unverified); the codes follow the SDK's
// error mapping (RESOURCE_DOES_NOT_EXIST is 404, INVALID_PARAMETER_VALUE 400).
const notFound = (id: string) => new ApiFailure(404, "RESOURCE_DOES_NOT_EXIST", `Can't find a cluster policy with id: ${id}.`);

function requireAdmin(req: EmuRequest, ws: Workspace): void {
  if (!ws.isAdmin(req.caller)) throw permissionDenied("Only workspace admins may create, edit or delete cluster policies.");
}

function jsonText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`${field} must be a JSON document passed as a string`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`${field} is not valid JSON`);
  }
  // The service stores an array definition verbatim (cli PR #6492); an object is what policies are.
  if (!isObject(parsed) && !Array.isArray(parsed)) throw invalid(`${field} must be a JSON object`);
  return value;
}

/** The fields a create or edit sets, checked; the effective definition computed. */
function policyFields(req: EmuRequest, ws: Workspace, selfId?: string): Omit<PolicyRecord, "policy_id" | "creator_user_name" | "created_at_timestamp"> {
  const body = bodyObject(req);
  const name = body.name;
  if (typeof name !== "string" || name === "") throw missingField("name");
  if (name.length > 100) throw invalid("name must be between 1 and 100 characters");
  for (const p of ws.clusterPolicies.values()) if (p.name === name && p.policy_id !== selfId) throw invalid(`Cluster policy with name ${name} already exists.`);
  const definition = jsonText(body.definition, "definition");
  const overrides = jsonText(body.policy_family_definition_overrides, "policy_family_definition_overrides");
  const familyId = body.policy_family_id;
  const out: ReturnType<typeof policyFields> = { name, definition: definition ?? "{}" };
  if (familyId !== undefined) {
    if (definition !== undefined) throw invalid("definition cannot be set together with policy_family_id; use policy_family_definition_overrides");
    const fam = POLICY_FAMILIES.find((f) => f.policy_family_id === familyId);
    if (!fam) throw invalid(`Policy family ${String(familyId)} does not exist.`);
    out.policy_family_id = fam.policy_family_id;
    out.definition = JSON.stringify({ ...JSON.parse(fam.definition), ...(overrides ? JSON.parse(overrides) : {}) });
    if (overrides !== undefined) out.policy_family_definition_overrides = overrides;
  } else if (overrides !== undefined) throw invalid("policy_family_definition_overrides needs policy_family_id");
  if (typeof body.description === "string") out.description = body.description;
  if (typeof body.max_clusters_per_user === "number") out.max_clusters_per_user = body.max_clusters_per_user;
  return out;
}

function policyId(value: unknown): string {
  if (typeof value !== "string" || value === "") throw missingField("policy_id");
  return value;
}

function existing(ws: Workspace, id: string): PolicyRecord {
  const p = ws.clusterPolicies.get(id);
  if (!p) throw notFound(id);
  return p;
}

export function createPolicy(req: EmuRequest, ws: Workspace): EmuResponse {
  requireAdmin(req, ws);
  const fields = policyFields(req, ws);
  ws.policySeq += 1;
  // Real ids are 16 upper-case hex digits (e.g. E06216CAA0000360); these count up so runs repeat.
  const policy_id = `E0000000${ws.policySeq.toString(16).toUpperCase().padStart(8, "0")}`;
  ws.clusterPolicies.set(policy_id, { policy_id, ...fields, creator_user_name: req.caller?.name ?? "anonymous", created_at_timestamp: Date.now() });
  return { status: 200, body: { policy_id } };
}

export function getPolicy(req: EmuRequest, ws: Workspace): EmuResponse {
  return { status: 200, body: { ...existing(ws, policyId(req.query.get("policy_id") ?? undefined)), is_default: false } };
}

export function listPolicies(req: EmuRequest, ws: Workspace): EmuResponse {
  const desc = req.query.get("sort_order") !== "ASC";
  const byName = req.query.get("sort_column") === "POLICY_NAME";
  const policies = [...ws.clusterPolicies.values()].sort((a, b) => (byName ? a.name.localeCompare(b.name) : a.created_at_timestamp - b.created_at_timestamp || a.policy_id.localeCompare(b.policy_id)) * (desc ? -1 : 1));
  // An empty list is answered without the field, as the Jobs API does (unverified here).
  return { status: 200, body: policies.length ? { policies: policies.map((p) => ({ ...p, is_default: false })) } : {} };
}

export function editPolicy(req: EmuRequest, ws: Workspace): EmuResponse {
  requireAdmin(req, ws);
  const id = policyId(bodyObject(req).policy_id);
  const was = existing(ws, id);
  ws.clusterPolicies.set(id, { policy_id: id, ...policyFields(req, ws, id), creator_user_name: was.creator_user_name, created_at_timestamp: was.created_at_timestamp });
  return { status: 200, body: {} };
}

export function deletePolicy(req: EmuRequest, ws: Workspace): EmuResponse {
  requireAdmin(req, ws);
  const id = policyId(bodyObject(req).policy_id);
  existing(ws, id);
  ws.clusterPolicies.delete(id);
  return { status: 200, body: {} };
}

const FAMILY_PAGE = 20;

export function listFamilies(req: EmuRequest): EmuResponse {
  const max = Number(req.query.get("max_results") ?? FAMILY_PAGE);
  if (!Number.isInteger(max) || max < 1) throw invalid("max_results must be a positive integer");
  const offset = decodePageToken(req.query.get("page_token"));
  const page = POLICY_FAMILIES.slice(offset, offset + max);
  return { status: 200, body: { policy_families: page, ...(offset + max < POLICY_FAMILIES.length ? { next_page_token: encodePageToken(offset + max) } : {}) } };
}

export function getFamily(req: EmuRequest): EmuResponse {
  const id = req.params?.id ?? "";
  const fam = POLICY_FAMILIES.find((f) => f.policy_family_id === id);
  if (!fam) throw new ApiFailure(404, "RESOURCE_DOES_NOT_EXIST", `Policy family ${id} does not exist.`);
  return { status: 200, body: fam };
}
