// Issue #18, point 11: across kill -9s under load no acknowledged create is lost, no id is handed out
// twice, and no temp file is left behind.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../support/cli.js";
import { serve } from "../support/serve.js";

beforeAll(ensureBuilt);

const headers = { authorization: "Bearer t", "content-type": "application/json" };

describe("jobform serve --state under kill -9", () => {
  it("keeps every acknowledged create and never reuses an id", async () => {
    const state = join(mkdtempSync(join(tmpdir(), "jobform-kill-")), "state.json");
    const acknowledged = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const s = serve(["--port", "0", "--token", "t", "--state", state]);
      const url = await s.url;
      let stop = false;
      const worker = async () => {
        while (!stop) {
          try {
            const r = await fetch(`${url}/api/2.2/jobs/create`, { method: "POST", headers, body: JSON.stringify({ name: `r${round}` }) });
            if (r.status !== 200) continue;
            const id = String(((await r.json()) as { job_id: number }).job_id);
            expect(acknowledged.has(id), `id ${id} handed out twice`).toBe(false);
            acknowledged.add(id);
          } catch {
            return; // the server was killed mid-request: that answer never came, so nothing was promised
          }
        }
      };
      const workers = Array.from({ length: 20 }, worker);
      const target = acknowledged.size + 150;
      while (acknowledged.size < target) await new Promise((r) => setTimeout(r, 5));
      s.child.kill("SIGKILL");
      stop = true;
      await s.exited;
      await Promise.all(workers);
    }
    const last = serve(["--port", "0", "--token", "t", "--state", state]);
    const url = await last.url;
    try {
      expect(readdirSync(join(state, "..")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
      const stored = new Set<string>();
      let token = "";
      do {
        const page = (await (await fetch(`${url}/api/2.2/jobs/list?limit=100${token ? `&page_token=${token}` : ""}`, { headers })).json()) as { jobs?: { job_id: number }[]; next_page_token?: string };
        for (const j of page.jobs ?? []) stored.add(String(j.job_id));
        token = page.next_page_token ?? "";
      } while (token);
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      const fresh = String(((await (await fetch(`${url}/api/2.2/jobs/create`, { method: "POST", headers, body: "{}" })).json()) as { job_id: number }).job_id);
      expect(acknowledged.has(fresh)).toBe(false);
    } finally {
      last.child.kill("SIGTERM");
      await last.exited;
    }
  });
});
