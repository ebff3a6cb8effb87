import type { Requester } from "../paginate.js";
import type { ExportResponse, ImportRequest, ObjectInfo, WorkspaceFormat } from "../types.js";

const BASE = "/api/2.0/workspace";

export class WorkspaceApi {
  constructor(private readonly client: Requester) {}

  /** Direct children of a directory (not recursive); an empty directory gives []. */
  async list(path: string): Promise<ObjectInfo[]> {
    const answer = await this.client.request<{ objects?: ObjectInfo[] }>("GET", `${BASE}/list`, { query: { path } });
    return answer.objects ?? [];
  }

  getStatus(path: string): Promise<ObjectInfo> {
    return this.client.request("GET", `${BASE}/get-status`, { query: { path } });
  }

  export(path: string, format: WorkspaceFormat = "SOURCE"): Promise<ExportResponse> {
    return this.client.request("GET", `${BASE}/export`, { query: { path, format } });
  }

  /** The exported object's bytes, decoded from the API's base64. */
  async exportBytes(path: string, format: WorkspaceFormat = "SOURCE"): Promise<Buffer> {
    const answer = await this.export(path, format);
    return Buffer.from(answer.content ?? "", "base64");
  }

  /** Retried after a lost answer only with `overwrite: true`; otherwise a repeat would fail "already exists". */
  import(request: ImportRequest): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/import`, { body: request });
  }

  mkdirs(path: string): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/mkdirs`, { body: { path } });
  }

  delete(path: string, recursive = false): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/delete`, { body: { path, recursive } });
  }
}
