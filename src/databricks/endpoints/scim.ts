import type { Requester } from "../paginate.js";
import type { ScimListResponse, ScimUser } from "../types.js";

/** SCIM filter string literal: RFC 7644 §3.4.2.2 quotes with `"` and escapes `"` and `\` with a backslash. */
const literal = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export class ScimApi {
  constructor(private readonly client: Requester) {}

  /** Who the credentials belong to. */
  me(): Promise<ScimUser> {
    return this.client.request("GET", "/api/2.0/preview/scim/v2/Me");
  }

  /** Users whose userName equals `name` (case-insensitive): one filtered call, at most one result. */
  usersNamed(name: string): Promise<ScimListResponse> {
    return this.find("Users", "userName", name);
  }

  groupsNamed(name: string): Promise<ScimListResponse> {
    return this.find("Groups", "displayName", name);
  }

  /** Service principals are named by application id in ACLs and run_as. */
  servicePrincipalsWithId(applicationId: string): Promise<ScimListResponse> {
    return this.find("ServicePrincipals", "applicationId", applicationId);
  }

  private find(resource: string, attribute: string, value: string): Promise<ScimListResponse> {
    return this.client.request("GET", `/api/2.0/preview/scim/v2/${resource}`, { query: { filter: `${attribute} eq ${literal(value)}`, count: "1" } });
  }
}
