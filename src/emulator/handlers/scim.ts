// SCIM 2.0 lists of the directory (preview/scim/v2/Users, Groups, ServicePrincipals) with the `eq`
// filters clients use to resolve one name, e.g. `userName eq "a@b.com"` (RFC 7644 §3.4.2.2: eq on
// these attributes is case-insensitive). Other operators answer a SCIM error: wording ours.
import type { EmuRequest, EmuResponse, PrincipalKind } from "../types.js";
import type { Json, Workspace } from "../state.js";
import { scimId } from "../principals.js";

const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const FILTER = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

interface Kind {
  kind: PrincipalKind;
  /** Filterable attributes and how each reads a name. */
  attributes: string[];
  resource: (name: string) => Json;
}

const KINDS: Record<string, Kind> = {
  Users: {
    kind: "user",
    attributes: ["username", "displayname", "emails.value"],
    resource: (name) => ({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: scimId(name),
      userName: name,
      displayName: name,
      active: true,
      emails: [{ type: "work", value: name, primary: true }],
    }),
  },
  Groups: {
    kind: "group",
    attributes: ["displayname"],
    resource: (name) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: scimId(`group:${name}`), displayName: name }),
  },
  ServicePrincipals: {
    kind: "service_principal",
    attributes: ["applicationid", "displayname"],
    resource: (name) => ({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],
      id: scimId(`sp:${name}`),
      applicationId: name,
      displayName: name,
      active: true,
    }),
  },
};

const scimError = (detail: string): EmuResponse => ({
  status: 400,
  body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], detail, status: "400", scimType: "invalidFilter" },
});

function listOf(resourceType: string) {
  const k = KINDS[resourceType] as Kind;
  return (req: EmuRequest, ws: Workspace): EmuResponse => {
    let names = [...ws.directory[k.kind].values()].sort();
    const filter = req.query.get("filter");
    if (filter !== null && filter !== "") {
      const m = FILTER.exec(filter);
      if (!m || !k.attributes.includes((m[1] as string).toLowerCase())) return scimError(`Unsupported filter: ${filter}`);
      const wanted = (m[2] as string).replace(/\\(.)/g, "$1").toLowerCase();
      names = names.filter((n) => n.toLowerCase() === wanted);
    }
    const start = Math.max(1, Number(req.query.get("startIndex") ?? 1) || 1);
    const count = req.query.has("count") ? Math.max(0, Number(req.query.get("count")) || 0) : names.length;
    const page = names.slice(start - 1, start - 1 + count).map(k.resource);
    return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: names.length, startIndex: start, itemsPerPage: page.length, Resources: page } };
  };
}

export const listUsers = listOf("Users");
export const listGroups = listOf("Groups");
export const listServicePrincipals = listOf("ServicePrincipals");
