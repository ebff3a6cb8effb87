// The principal preflight: which of the principals a project names the workspace does not have. One
// filtered SCIM call per distinct principal, cached per client, so plan and apply in one process (and
// jobs naming the same group) cost one call each.
import type { DatabricksClient } from "../databricks/index.js";
import type { ScimListResponse } from "../databricks/types.js";
import { principalKey, type PrincipalRef } from "../core/principal-refs.js";
import { mapLimit } from "../lib/map-limit.js";

const CONCURRENCY = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cache = new WeakMap<DatabricksClient, Map<string, Promise<boolean>>>();

const found = (r: ScimListResponse) => (r.totalResults ?? r.Resources?.length ?? 0) > 0;

async function exists(client: DatabricksClient, r: Pick<PrincipalRef, "kind" | "name">): Promise<boolean> {
  if (r.kind === "group") return found(await client.scim.groupsNamed(r.name));
  if (r.kind === "service_principal") return found(await client.scim.servicePrincipalsWithId(r.name));
  if (found(await client.scim.usersNamed(r.name))) return true;
  // The service takes an application id sent as user_name for the service principal (API-NOTES §5.6).
  return UUID.test(r.name) && found(await client.scim.servicePrincipalsWithId(r.name));
}

/** Keys (principalKey) of the named principals the workspace does not have. A failed lookup rejects. */
export async function unknownPrincipals(client: DatabricksClient, refs: readonly PrincipalRef[]): Promise<Set<string>> {
  let known = cache.get(client);
  if (!known) cache.set(client, (known = new Map()));
  const distinct = new Map(refs.map((r) => [principalKey(r), r] as const));
  const answers = await mapLimit([...distinct], CONCURRENCY, async ([key, r]) => {
    let p = known.get(key);
    if (!p) {
      p = exists(client, r);
      known.set(key, p);
      // A failed lookup is not remembered: the next run asks again.
      p.catch(() => known.delete(key));
    }
    return [key, await p] as const;
  });
  return new Set(answers.filter(([, ok]) => !ok).map(([key]) => key));
}
