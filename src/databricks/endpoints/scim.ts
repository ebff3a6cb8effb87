import type { Requester } from "../paginate.js";
import type { ScimUser } from "../types.js";

export class ScimApi {
  constructor(private readonly client: Requester) {}

  /** Who the credentials belong to. */
  me(): Promise<ScimUser> {
    return this.client.request("GET", "/api/2.0/preview/scim/v2/Me");
  }
}
