// `jobform serve` as users start it: prints where it listens, serves, saves its state and stops cleanly.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, runCliAsync } from "../support/cli.js";
import { sampleProject } from "../support/emulator.js";
import { serve } from "../support/serve.js";

beforeAll(ensureBuilt);

describe("jobform serve", () => {
  it("listens on a free port, persists its state, stops on SIGTERM, and comes back with the same jobs", async () => {
    const state = join(mkdtempSync(join(tmpdir(), "jobform-serve-")), "state.json");
    const first = serve(["--port", "0", "--token", "t", "--state", state, "--id-start", "9007199254740993"]);
    const url = await first.url;
    const created = await fetch(`${url}/api/2.2/jobs/create`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify({ name: "kept", tasks: [{ task_key: "a", notebook_task: { notebook_path: "/a" } }] }) });
    expect(await created.text()).toBe('{"job_id":9007199254740993}');
    const denied = await fetch(`${url}/api/2.2/jobs/list`, { headers: { authorization: "Bearer wrong" } });
    expect(denied.status).toBe(403);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(existsSync(state)).toBe(true);
    expect(readFileSync(state, "utf8")).toContain("9007199254740993");

    const second = serve(["--port", "0", "--token", "t", "--state", state]);
    const again = await second.url;
    const got = await fetch(`${again}/api/2.2/jobs/get?job_id=9007199254740993`, { headers: { authorization: "Bearer t" } });
    expect(await got.text()).toContain('"name":"kept"');
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  });

  it("binds the address of its own --host, which the root program's --host does not swallow", async () => {
    const s = serve(["--host", "127.0.0.2", "--port", "0"]);
    const url = await s.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect((await fetch(`${url}/api/2.2/jobs/list`)).status).toBeLessThan(500);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("refuses a --state that is a directory, not JSON, or not a state file, in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-state-"));
    const files = { folder: dir, garbage: join(dir, "garbage.json"), array: join(dir, "array.json"), other: join(dir, "other.json") };
    writeFileSync(files.garbage, "not json\n");
    writeFileSync(files.array, "[1, 2, 3]\n");
    writeFileSync(files.other, JSON.stringify({ format: 1, jobs: {} }));
    const expected = { folder: /is not a regular file/, garbage: /is not valid JSON/, array: /expected a JSON object/, other: /wrong or missing: next_id, next_object_id, jobs/ };
    for (const [name, file] of Object.entries(files)) {
      const r = runCli(["serve", "--port", "0", "--state", file]);
      expect(r.code, name).toBe(1);
      expect(r.stderr.trimEnd(), name).toMatch(new RegExp(`^jobform: cannot start the emulator: --state \\S+ [^\\n]*${expected[name as keyof typeof expected].source}[^\\n]*$`));
    }
  });

  it("--principals-of DIR adds the project's principals, so the sample project's plan passes the preflight", async () => {
    const dir = sampleProject();
    const plan = async (url: string) => runCliAsync(["--dir", dir, "--host", url, "plan"], { env: { DATABRICKS_TOKEN: "x", DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_AUTH_TYPE: undefined } });
    const bare = serve(["--port", "0"]);
    const without = await plan(await bare.url);
    bare.child.kill("SIGTERM");
    expect(without.code).toBe(1);
    expect(without.stderr).toContain("error JF071");
    const seeded = serve(["--port", "0", "--principals-of", dir]);
    const withIt = await plan(await seeded.url);
    seeded.child.kill("SIGTERM");
    expect(withIt.stderr).not.toContain("JF071");
    expect(withIt.code).toBe(0);
    expect(withIt.stdout).toMatch(/Plan: \d+ to create, 0 to update, 0 to delete\./);
  });

  it("refuses a bad option value in one line", async () => {
    const bad = serve(["--chaos", "2"]);
    await expect(bad.url).rejects.toThrow(/serve exited 1/);
  });
});
