import { idToString } from "../../lib/json.js";
import type { Requester } from "../paginate.js";
import type { Id, ObjectPermissions, PermissionRequestEntry } from "../types.js";

/** `jobs`, `notebooks`, `directories`, `files`, `repos`, `clusters`, … as the URL spells them. */
export type PermissionObjectType = string;

export class PermissionsApi {
  constructor(private readonly client: Requester) {}

  get(objectType: PermissionObjectType, id: Id | string): Promise<ObjectPermissions> {
    return this.client.request("GET", this.path(objectType, id));
  }

  /** PUT: replaces every direct grant (an empty list removes them all); safe to retry. */
  set(objectType: PermissionObjectType, id: Id | string, acl: PermissionRequestEntry[]): Promise<ObjectPermissions> {
    return this.client.request("PUT", this.path(objectType, id), { body: { access_control_list: acl } });
  }

  /** PATCH: adds or changes the listed principals' levels, leaves the others alone. */
  update(objectType: PermissionObjectType, id: Id | string, acl: PermissionRequestEntry[]): Promise<ObjectPermissions> {
    return this.client.request("PATCH", this.path(objectType, id), { body: { access_control_list: acl } });
  }

  getJob(jobId: Id): Promise<ObjectPermissions> {
    return this.get("jobs", jobId);
  }

  setJob(jobId: Id, acl: PermissionRequestEntry[]): Promise<ObjectPermissions> {
    return this.set("jobs", jobId, acl);
  }

  updateJob(jobId: Id, acl: PermissionRequestEntry[]): Promise<ObjectPermissions> {
    return this.update("jobs", jobId, acl);
  }

  private path(objectType: string, id: Id | string): string {
    return `/api/2.0/permissions/${encodeURIComponent(objectType)}/${encodeURIComponent(idToString(id))}`;
  }
}
