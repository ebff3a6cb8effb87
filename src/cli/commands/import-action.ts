// `jobform import`'s action (registered in import.ts): job files from existing workspace jobs, and with
// --adopt the jobform.yaml entries that make the next apply tag those jobs instead of creating copies
// (PRODUCT.md "Identity and ownership").
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { addAdoptions } from "../../core/adopt-edit.js";
import { assignKeys, compareIds, importedFrom, importedYaml } from "../../core/import-job.js";
import { KEY_TAG, managedKey, PROJECT_TAG } from "../../core/ownership.js";
import { checkProject } from "../../core/project.js";
import { PROJECT_FILE } from "../../core/resolve.js";
import type { BaseJob } from "../../databricks/index.js";
import { idToString } from "../../lib/json.js";
import { mapLimit } from "../../lib/map-limit.js";
import { readJob } from "../../live/read-live.js";
import { UserError } from "../errors.js";
import { bundleKeys, outsideRefNotes, referableJobs, withoutMarkers } from "./import-bundle-adopt.js";
import { globals, parseVars } from "../globals.js";
import { adoptMap } from "../plan-context.js";
import { readProject, readProjectText } from "../read-project.js";
import { editorSchemaRef } from "../schema-home.js";
import { loadSchemas } from "../schemas.js";
import { openClient } from "../workspace.js";

export interface ImportFlags {
  jobId: string[];
  all?: boolean;
  name?: string;
  adopt?: boolean;
  force?: boolean;
}

const tagsOf = (j: BaseJob) => (j.settings?.tags ?? {}) as Record<string, unknown>;

/** The selection flags into a predicate over listed jobs; exactly one way of choosing is allowed. */
function selector(flags: ImportFlags): { pick: (j: BaseJob) => boolean; explicit: boolean } {
  const ways = [flags.jobId.length > 0, flags.all === true, flags.name !== undefined].filter(Boolean).length;
  if (ways !== 1) throw new UserError("import needs exactly one of --job-id ID (repeatable), --all or --name REGEX");
  const bad = flags.jobId.filter((id) => !/^[1-9][0-9]{0,18}$/.test(id));
  if (bad.length) throw new UserError(`--job-id ${bad.join(", ")}: a job id is a positive integer`);
  if (flags.jobId.length) {
    const ids = new Set(flags.jobId);
    return { pick: (j) => ids.has(idToString(j.job_id)), explicit: true };
  }
  if (flags.name !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(flags.name);
    } catch (e) {
      throw new UserError(`--name ${flags.name}: not a regular expression (${(e as Error).message})`);
    }
    return { pick: (j) => typeof j.settings?.name === "string" && re.test(j.settings.name), explicit: true };
  }
  return { pick: () => true, explicit: false };
}

/** The job files already in the project, by key, with their text (to recognise an earlier import of the same job). */
function existingJobFiles(dir: string): Map<string, { rel: string; text: string }> {
  const out = new Map<string, { rel: string; text: string }>();
  const jobsDir = join(dir, "jobs");
  if (!existsSync(jobsDir)) return out;
  for (const name of readdirSync(jobsDir).sort()) {
    const m = /^(.+)\.ya?ml$/i.exec(name);
    if (m?.[1]) out.set(m[1], { rel: `jobs/${name}`, text: readProjectText(dir, `jobs/${name}`) });
  }
  return out;
}

export async function importJobs(flags: ImportFlags, cmd: Command): Promise<void> {
  const g = globals(cmd);
  const { pick, explicit } = selector(flags);
  const checked = checkProject(readProject(g.dir), { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const project = checked.resolved.projectName;
  if (!project) throw new UserError(`${PROJECT_FILE} has no \`project:\` name; import needs it to tell this project's jobs from others`);
  const adopt = adoptMap(checked);
  const notes: string[] = [];
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const client = await openClient(cmd);
  try {
    const listed: BaseJob[] = [];
    for await (const job of client.jobs.list({ expand_tasks: true })) listed.push(job);
    const managedKeys = new Set(listed.flatMap((j) => managedKey(tagsOf(j), project) ?? []));

    if (flags.jobId.length) {
      // A named job that cannot be imported is refused before anything is written: the user asked for it.
      const found = new Map(listed.map((j) => [idToString(j.job_id), j]));
      const refusals = flags.jobId.flatMap((id) => {
        const j = found.get(id);
        if (!j) return [`job ${id} does not exist (or these credentials cannot see it)`];
        const owner = tagsOf(j)[PROJECT_TAG];
        return owner !== undefined && owner !== project ? [`job ${id} belongs to project "${String(owner)}"; jobform does not take over another project's job`] : [];
      });
      if (refusals.length) throw new UserError(`nothing was imported:\n${refusals.map((r) => `  - ${r}`).join("\n")}`);
    }

    const candidates: BaseJob[] = [];
    for (const j of listed.filter(pick)) {
      const owner = tagsOf(j)[PROJECT_TAG];
      const id = idToString(j.job_id);
      if (owner === project) {
        if (explicit) notes.push(`job ${id} is already managed as ${String(tagsOf(j)[KEY_TAG])}`);
      } else if (owner !== undefined) notes.push(`job ${id} belongs to project "${String(owner)}": skipped`);
      else candidates.push(j);
    }
    candidates.sort((a, b) => compareIds(idToString(a.job_id), idToString(b.job_id)));

    // Without --force an existing file is never overwritten: a job imported before is skipped, and a
    // different job whose name gives the same key gets a suffix instead.
    const files = existingJobFiles(g.dir);
    const chosen: BaseJob[] = [];
    // A job imported before keeps its file's key when --force re-imports it, rather than gain a second file.
    const again = new Map<string, string>();
    for (const j of candidates) {
      const id = idToString(j.job_id);
      const earlier = [...files].find(([key, f]) => importedFrom(f.text) === id || adopt[key] === id);
      if (earlier && !flags.force) notes.push(`job ${id} is already in ${earlier[1].rel}; not overwritten (--force overwrites it)`);
      else chosen.push(j);
      if (earlier && flags.force) again.set(id, earlier[0]);
    }
    const chosenIds = new Set(chosen.map((j) => idToString(j.job_id)));
    const taken = new Set([
      ...managedKeys,
      ...Object.keys(adopt).filter((k) => !chosenIds.has(adopt[k] as string)),
      ...(flags.force ? [] : files.keys()),
      ...again.values(),
    ]);
    const fresh = chosen.filter((j) => !again.has(idToString(j.job_id)));
    const bundle = await bundleKeys(client, fresh, taken);
    notes.push(...bundle.notes);
    const keys = assignKeys(fresh.filter((j) => !bundle.keys.has(idToString(j.job_id))).map((j) => ({ jobId: idToString(j.job_id), name: j.settings?.name })), new Set([...taken, ...bundle.keys.values()]));
    for (const [id, key] of [...again, ...bundle.keys]) keys.set(id, key);
    const refs = referableJobs(
      [...keys],
      listed.flatMap((j) => {
        const key = managedKey(tagsOf(j), project);
        return key === undefined ? [] : [[idToString(j.job_id), key] as const];
      }),
      Object.entries(adopt).map(([key, id]) => [id, key] as const),
      [...files].flatMap(([key, f]) => {
        const id = importedFrom(f.text);
        return id === undefined ? [] : [[id, key] as const];
      }),
    );

    const jobs = await mapLimit(chosen, 8, async (j) => withoutMarkers(await readJob(client, j)));
    mkdirSync(join(g.dir, "jobs"), { recursive: true });
    const schemaRef = editorSchemaRef(join(g.dir, "jobs"), g.dir, "job");
    const written = new Map<string, string>();
    for (const job of jobs) {
      const key = keys.get(job.jobId) as string;
      const rel = `jobs/${key}.yaml`;
      writeFileSync(join(g.dir, rel), importedYaml(job, schemaRef, refs));
      notes.push(...outsideRefNotes(job.settings, rel, refs));
      written.set(key, job.jobId);
      const name = typeof job.settings.name === "string" ? ` "${job.settings.name}"` : "";
      process.stdout.write(`wrote ${rel} from job ${job.jobId}${name}\n`);
      if (job.aclUnreadable)
        notes.push(`warning: these credentials may not read the access list of job ${job.jobId} (it takes CAN_MANAGE): ${rel} has no permissions, so apply would make the deploying identity its only owner; add them before applying`);
    }

    if (flags.adopt && written.size) {
      const file = join(g.dir, PROJECT_FILE);
      const edited = addAdoptions(readProjectText(g.dir, PROJECT_FILE), written);
      if (edited === undefined) throw new UserError(`${PROJECT_FILE} does not parse, or its adopt: is not a map; fix it (jobform validate) before import --adopt`);
      writeFileSync(file, edited);
      process.stdout.write(`${PROJECT_FILE}: adopt ${[...written.keys()].join(", ")}; the next apply tags ${written.size === 1 ? "this job" : "these jobs"} instead of creating new ones\n`);
    } else if (written.size) {
      notes.push("these jobs stay untagged: apply would create copies of them; import again with --adopt (or add adopt: entries to jobform.yaml) to take them over");
    }
    for (const n of notes) say(n.startsWith("warning:") ? n : `note: ${n}`);
    if (!written.size) process.stdout.write("Nothing imported.\n");
  } finally {
    await client.close();
  }
}
