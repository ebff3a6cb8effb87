// One scenario per fact about the real service, each naming its evidence. They run against the emulator
// in `npm test` and, unchanged, against a real workspace (README "Checking the emulator against a real
// workspace"). Scenarios marked `runs` start job runs, which cost compute on a real workspace; the live
// script runs them only when asked. Everything a scenario creates is deleted by its cleanups.
import { check, type Answer, type Target } from "./target.js";

export interface Scenario {
  /** The fact, as the test name. */
  fact: string;
  /** Where the fact comes from: repository and path, doc URL or issue. */
  source: string;
  runs?: boolean;
  run(t: Target): Promise<void>;
}

const J = "/api/2.2/jobs";
const P = "/api/2.0/permissions/jobs";
const nobody = (t: Target, kind: string) => `jobform-fidelity-no-such-${kind}-${t.tag}@example.invalid`;

async function createJob(t: Target, settings: Record<string, unknown>): Promise<string> {
  const r = await t.call("POST", `${J}/create`, { name: `jobform-fidelity-${t.tag}`, ...settings });
  check(r.status === 200, "jobs/create answers 200", r.text);
  const id = String(r.body.job_id);
  t.cleanup(() => t.call("POST", `${J}/delete`, { job_id: Number(id) }));
  return id;
}

async function getSettings(t: Target, id: string): Promise<Record<string, unknown>> {
  const r = await t.call("GET", `${J}/get?job_id=${id}`);
  check(r.status === 200, "jobs/get answers 200", r.text);
  return r.body.settings as Record<string, unknown>;
}

function refusedWith(r: Answer, status: number, code: string, message: RegExp | string): void {
  check(r.status === status, `status ${status}`, `${r.status} ${r.text}`);
  check(r.body.error_code === code, `error_code ${code}`, r.body.error_code);
  const m = String(r.body.message ?? "");
  check(typeof message === "string" ? m === message : message.test(m), `message ${String(message)}`, m);
}

async function ownerOf(t: Target, id: string): Promise<string> {
  const acl = (await t.call("GET", `${P}/${id}`)).body.access_control_list as Record<string, unknown>[];
  const direct = acl.filter((e) => (e.all_permissions as { inherited: boolean }[]).some((p) => !p.inherited));
  return JSON.stringify(direct);
}

/** A folder of the caller's home for notebooks, removed afterwards. */
async function scratchFolder(t: Target): Promise<string> {
  const dir = `/Users/${t.me}/jobform-fidelity-${t.tag}`;
  const r = await t.call("POST", "/api/2.0/workspace/mkdirs", { path: dir });
  check(r.status === 200, "workspace/mkdirs answers 200", r.text);
  t.cleanup(() => t.call("POST", "/api/2.0/workspace/delete", { path: dir, recursive: true }));
  return dir;
}

async function notebook(t: Target, path: string, source: string): Promise<void> {
  const content = Buffer.from(`# Databricks notebook source\n${source}\n`).toString("base64");
  const r = await t.call("POST", "/api/2.0/workspace/import", { path, format: "SOURCE", language: "PYTHON", content, overwrite: true });
  check(r.status === 200, "workspace/import answers 200", r.text);
}

const TERMINAL = new Set(["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]);

async function finishedRun(t: Target, runId: unknown): Promise<Record<string, unknown>> {
  const deadline = Date.now() + (t.live ? 30 * 60_000 : 20_000);
  for (;;) {
    const r = await t.call("GET", `${J}/runs/get?run_id=${String(runId)}`);
    check(r.status === 200, "runs/get answers 200", r.text);
    const life = (r.body.state as { life_cycle_state?: string } | undefined)?.life_cycle_state ?? "";
    if (TERMINAL.has(life)) return r.body;
    check(Date.now() < deadline, "the run ends in time", life);
    await new Promise((ok) => setTimeout(ok, t.live ? 10_000 : 25));
  }
}

export const SCENARIOS: Scenario[] = [
  {
    fact: "1. PUT permissions naming an unknown user is refused and the old ACL stays",
    source: "https://github.com/databricks/cli/issues/4488 (Principal: UserName(<>) does not exist); issue #12",
    async run(t) {
      const id = await createJob(t, {});
      const before = await ownerOf(t, id);
      const r = await t.call("PUT", `${P}/${id}`, { access_control_list: [{ user_name: t.me, permission_level: "IS_OWNER" }, { user_name: nobody(t, "user"), permission_level: "CAN_VIEW" }] });
      refusedWith(r, 404, "RESOURCE_DOES_NOT_EXIST", `Principal: UserName(${nobody(t, "user")}) does not exist`);
      check((await ownerOf(t, id)) === before, "the ACL is unchanged");
    },
  },
  {
    fact: "1. PATCH permissions naming an unknown group is refused",
    source: "issue #12 (GroupName form of the cli#4488 message)",
    async run(t) {
      const id = await createJob(t, {});
      const r = await t.call("PATCH", `${P}/${id}`, { access_control_list: [{ group_name: nobody(t, "group"), permission_level: "CAN_VIEW" }] });
      refusedWith(r, 404, "RESOURCE_DOES_NOT_EXIST", `Principal: GroupName(${nobody(t, "group")}) does not exist`);
    },
  },
  {
    fact: "1. jobs/create with an unknown run_as user is refused (wording unverified)",
    source: "issue #12, difference 1",
    async run(t) {
      const r = await t.call("POST", `${J}/create`, { name: `jobform-fidelity-${t.tag}`, run_as: { user_name: nobody(t, "user") } });
      if (r.status === 200) t.cleanup(() => t.call("POST", `${J}/delete`, { job_id: r.body.job_id }));
      check(r.status >= 400 && r.status < 500, "a 4xx answer", `${r.status} ${r.text}`);
      check(/does not exist/i.test(String(r.body.message)), "a message saying the principal does not exist", r.body.message);
    },
  },
  {
    fact: "1. SCIM Users filtered by userName finds the caller and nobody else",
    source: "RFC 7644 §3.4.2.2; https://docs.databricks.com/api/workspace/users/list",
    async run(t) {
      const me = await t.call("GET", `/api/2.0/preview/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${t.me}"`)}`);
      check(me.status === 200 && me.body.totalResults === 1, "one user", me.text);
      const none = await t.call("GET", `/api/2.0/preview/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${nobody(t, "user")}"`)}`);
      check(none.status === 200 && none.body.totalResults === 0, "no user", none.text);
      const admins = await t.call("GET", `/api/2.0/preview/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "admins"')}`);
      check(admins.status === 200 && admins.body.totalResults === 1, "the built-in admins group", admins.text);
    },
  },
  {
    fact: "2. an unknown enum value is accepted and dropped",
    source: "issue #12, difference 2 (performance_target: STANDART)",
    async run(t) {
      const id = await createJob(t, { performance_target: "STANDART" });
      check(!("performance_target" in (await getSettings(t, id))), "performance_target is absent from jobs/get");
    },
  },
  {
    fact: "3. /Workspace/Users/x and /Users/x are one object",
    source: "https://docs.databricks.com/en/workspace/workspace-browser (the /Workspace root); issue #12, difference 3",
    async run(t) {
      const dir = await scratchFolder(t);
      await notebook(t, `/Workspace${dir}/nb`, "print(1)");
      const r = await t.call("GET", `/api/2.0/workspace/get-status?path=${encodeURIComponent(`${dir}/nb`)}`);
      check(r.status === 200 && r.body.object_type === "NOTEBOOK", "the notebook imported under /Workspace is found without it", r.text);
      const listed = await t.call("GET", `/api/2.0/workspace/list?path=${encodeURIComponent(`/Workspace${dir}`)}`);
      check(listed.status === 200 && (listed.body.objects as unknown[] | undefined)?.length === 1, "listing through /Workspace shows it", listed.text);
    },
  },
  {
    fact: "4. tasks come back without disabled or retry_on_timeout when not sent",
    source: "issue #12, difference 4 (recorded create→get pairs)",
    async run(t) {
      const id = await createJob(t, { tasks: [{ task_key: "a", notebook_task: { notebook_path: "/Shared/a" }, existing_cluster_id: "0000-000000-fidelity" }] });
      const task = ((await getSettings(t, id)).tasks as Record<string, unknown>[])[0] as Record<string, unknown>;
      check(!("disabled" in task) && !("retry_on_timeout" in task), "neither field is present", task);
    },
  },
  {
    fact: "5. a task_key outside [A-Za-z0-9_-] is refused",
    source: "issue #12, difference 5 (recorded message)",
    async run(t) {
      const r = await t.call("POST", `${J}/create`, { name: `jobform-fidelity-${t.tag}`, tasks: [{ task_key: "a.b", notebook_task: { notebook_path: "/Shared/a" }, existing_cluster_id: "0000-000000-fidelity" }] });
      if (r.status === 200) t.cleanup(() => t.call("POST", `${J}/delete`, { job_id: r.body.job_id }));
      refusedWith(r, 400, "INVALID_PARAMETER_VALUE", "Task key 'a.b' contains an invalid character. Only alphanumeric, - and _ characters are permitted.");
    },
  },
  {
    fact: "6. an /api/ body sent with a form content type is read as JSON",
    source: "https://docs.databricks.com/api/workspace/jobs/create (curl --data @create-job.json); issue #12, difference 6",
    async run(t) {
      const name = `jobform-fidelity-form-${t.tag}`;
      const r = await t.call("POST", `${J}/create`, undefined, { raw: JSON.stringify({ name }), contentType: "application/x-www-form-urlencoded" });
      check(r.status === 200, "jobs/create answers 200", r.text);
      t.cleanup(() => t.call("POST", `${J}/delete`, { job_id: r.body.job_id }));
      check((await getSettings(t, String(r.body.job_id))).name === name, "the job has the name sent");
    },
  },
  {
    fact: "6. a body that is not JSON is a malformed request",
    source: "issue #12, difference 6 (message ends 'failed to parse given JSON')",
    async run(t) {
      const r = await t.call("POST", `${J}/create`, undefined, { raw: "name=x", contentType: "application/x-www-form-urlencoded" });
      check(r.status === 400 && r.body.error_code === "MALFORMED_REQUEST", "400 MALFORMED_REQUEST", r.text);
      check(/failed to parse given json/i.test(String(r.body.message)), "the recorded wording", r.body.message);
    },
  },
  {
    fact: "7. a 2.0-style runs/submit runs one task whose run id is the run's",
    source: "issue #12, difference 7 (live capture)",
    runs: true,
    async run(t) {
      const dir = await scratchFolder(t);
      await notebook(t, `${dir}/ok`, "print('ok')");
      const r = await t.call("POST", `${J}/runs/submit`, { run_name: `jobform-fidelity-${t.tag}`, notebook_task: { notebook_path: `${dir}/ok` }, new_cluster: t.cluster });
      check(r.status === 200, "runs/submit answers 200", r.text);
      const run = await finishedRun(t, r.body.run_id);
      const tasks = run.tasks as Record<string, unknown>[];
      check(tasks.length === 1 && String(tasks[0]?.run_id) === String(r.body.run_id), "one task carrying the run id", tasks);
    },
  },
  {
    fact: "8. a failed task that skipped downstream tasks says so in the run message",
    source: "issue #12, difference 8 (recorded run message)",
    runs: true,
    async run(t) {
      const dir = await scratchFolder(t);
      await notebook(t, `${dir}/fails`, "raise Exception('jobform fidelity')");
      await notebook(t, `${dir}/after`, "print('after')");
      await t.control?.("/__emulator/outcomes", { rules: [`${dir}/fails=FAILED`] });
      const cluster = t.cluster;
      const r = await t.call("POST", `${J}/runs/submit`, {
        run_name: `jobform-fidelity-${t.tag}`,
        tasks: [
          { task_key: "fails", notebook_task: { notebook_path: `${dir}/fails` }, new_cluster: cluster },
          { task_key: "after", depends_on: [{ task_key: "fails" }], notebook_task: { notebook_path: `${dir}/after` }, new_cluster: cluster },
        ],
      });
      check(r.status === 200, "runs/submit answers 200", r.text);
      const run = await finishedRun(t, r.body.run_id);
      const message = String((run.state as Record<string, unknown>).state_message);
      check(message.endsWith("see run output for details. This caused all downstream tasks to get skipped."), "the recorded ending", message);
    },
  },
  {
    fact: "9. /api/2.0/preview/permissions/jobs/{id} answers like /api/2.0/permissions/jobs/{id}",
    source: "issue #12, difference 9",
    async run(t) {
      const id = await createJob(t, {});
      const a = await t.call("GET", `${P}/${id}`);
      const b = await t.call("GET", `/api/2.0/preview/permissions/jobs/${id}`);
      check(b.status === 200 && JSON.stringify(a.body) === JSON.stringify(b.body), "the same ACL", b.text);
    },
  },
  {
    fact: "10. a PATCH of permissions without a body is refused",
    source: "issue #12, difference 10 (the official JS SDK sends one); wording unverified",
    async run(t) {
      const id = await createJob(t, {});
      const r = await t.call("PATCH", `${P}/${id}`);
      check(r.status === 400, "a 400 answer", `${r.status} ${r.text}`);
    },
  },
  {
    fact: "cluster policy: a job cluster against a fixed value is refused with 'Cluster validation error: Validation failed for …', and a fixed value it leaves out is stored",
    source: "message: a real answer quoted in a migration tool's notes (\"Validation failed for instance_pool_id, the value must be … (is …)\"); injection: databricks/cli libs/testserver cluster policy tests, API-NOTES §5.7 #18. Needs an admin on a real workspace",
    async run(t) {
      const definition = JSON.stringify({ spark_version: { type: "fixed", value: String(t.cluster.spark_version) }, "custom_tags.jobform_fidelity": { type: "fixed", value: "yes" } });
      const made = await t.call("POST", "/api/2.0/policies/clusters/create", { name: `jobform-fidelity-${t.tag}`, definition });
      check(made.status === 200, "policies/clusters/create answers 200", made.text);
      const policy_id = String(made.body.policy_id);
      t.cleanup(() => t.call("POST", "/api/2.0/policies/clusters/delete", { policy_id }));
      const cluster = { ...t.cluster, policy_id };
      const task = { task_key: "t", notebook_task: { notebook_path: "/Shared/jobform-fidelity" }, job_cluster_key: "c" };
      const refused = await t.call("POST", `${J}/create`, { name: `jobform-fidelity-${t.tag}`, tasks: [task], job_clusters: [{ job_cluster_key: "c", new_cluster: { ...cluster, spark_version: "13.3.x-scala2.12" } }] });
      refusedWith(refused, 400, "INVALID_PARAMETER_VALUE", /^Cluster validation error: Validation failed for spark_version, the value must be /);
      const id = await createJob(t, { tasks: [task], job_clusters: [{ job_cluster_key: "c", new_cluster: cluster }] });
      const stored = ((await getSettings(t, id)).job_clusters as Array<{ new_cluster: { custom_tags?: Record<string, string> } }>)[0]?.new_cluster;
      check(stored?.custom_tags?.jobform_fidelity === "yes", "the policy's fixed tag is in the stored cluster", JSON.stringify(stored));
    },
  },
  {
    fact: "bundle markers: deployment needs kind; deployment and UI_LOCKED are echoed, API edits of a UI_LOCKED job are accepted, a reset without them clears both",
    source:
      "sdk-go model JobDeployment (kind required) and JobEditMode (UI_LOCKED locks the UI); databricks/cli acceptance bundle deploy outputs (jobs list echoes deployment {kind: BUNDLE, metadata_file_path} and edit_mode UI_LOCKED; redeploys update such jobs through the API); jobs/reset overwrites all settings (API-NOTES §4)",
    async run(t) {
      const refused = await t.call("POST", `${J}/create`, { name: `jobform-fidelity-${t.tag}`, deployment: { metadata_file_path: "/Workspace/Shared/x/state/metadata.json" } });
      refusedWith(refused, 400, "INVALID_PARAMETER_VALUE", /deployment\.kind/);
      const deployment = { kind: "BUNDLE", metadata_file_path: `/Workspace/Users/${t.me}/.bundle/fidelity-${t.tag}/default/state/metadata.json` };
      const id = await createJob(t, { deployment, edit_mode: "UI_LOCKED", max_concurrent_runs: 1 });
      const got = await getSettings(t, id);
      check(JSON.stringify(got.deployment) === JSON.stringify(deployment), "deployment echoed as sent", got.deployment);
      check(got.edit_mode === "UI_LOCKED", "edit_mode echoed", got.edit_mode);
      const edit = await t.call("POST", `${J}/update`, { job_id: Number(id), new_settings: { max_concurrent_runs: 2 } });
      check(edit.status === 200, "jobs/update of a UI_LOCKED job answers 200", edit.text);
      const edited = await getSettings(t, id);
      check(edited.max_concurrent_runs === 2 && edited.edit_mode === "UI_LOCKED", "the edit is made and the lock kept", edited);
      const reset = await t.call("POST", `${J}/reset`, { job_id: Number(id), new_settings: { name: `jobform-fidelity-${t.tag}`, max_concurrent_runs: 1 } });
      check(reset.status === 200, "jobs/reset answers 200", reset.text);
      const after = await getSettings(t, id);
      check(after.deployment === undefined, "reset without deployment clears it", after.deployment);
      check(after.edit_mode === undefined || after.edit_mode === "EDITABLE", "reset without edit_mode leaves the job editable", after.edit_mode);
    },
  },
];
