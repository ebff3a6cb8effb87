/**
 * What `jobform submit NAME|PATH` runs: the notebook, its parameter declarations, the platform and
 * the run's name and server-side timeout. Pure: the project's parsed values in, a plan or one
 * message out.
 */
import type { NotebookDefinition, NotebookParameter } from "../core/generated/notebook.js";
import type { Platform } from "../core/generated/project.js";
import { DEFAULT_PLATFORM, SERVERLESS } from "./compute.js";

export interface SubmitTarget {
  notebookPath: string;
  /** The definition's name (file stem) or the notebook's own name for a run by path. */
  name: string;
  /** notebooks/<name>.yaml, when the run has a definition. */
  definitionFile?: string;
  parameters?: NotebookParameter[];
  platformName: string;
  platform: Platform;
  runName: string;
  timeoutSeconds?: number;
  /** Set when the platform was not in jobform.yaml and serverless was assumed. */
  note?: string;
}

export interface TargetInput {
  /** NAME (a notebooks/<NAME>.yaml) or an absolute workspace path. */
  arg: string;
  platforms: Readonly<Record<string, Platform>>;
  /** Definitions by name (file stem). */
  definitions: ReadonlyMap<string, { file: string; value: NotebookDefinition }>;
  platformFlag?: string;
  runNameFlag?: string;
}

export function lastSegment(path: string): string {
  return path.split("/").filter((s) => s !== "").pop() ?? path;
}

export function resolveTarget(input: TargetInput): SubmitTarget | { error: string } {
  const byPath = input.arg.startsWith("/");
  const def = byPath ? undefined : input.definitions.get(input.arg);
  if (!byPath && !def) {
    const known = [...input.definitions.keys()].sort();
    const list = known.length > 0 ? `known: ${known.join(", ")}` : "the project has no notebooks/*.yaml (create them with `jobform notebooks import`)";
    return { error: `no notebook definition notebooks/${input.arg}.yaml (${list}); to run a notebook without one, give its workspace path starting with "/"` };
  }
  const platformName = input.platformFlag ?? def?.value.platform ?? DEFAULT_PLATFORM;
  let platform = input.platforms[platformName];
  let note: string | undefined;
  if (!platform) {
    if (platformName !== DEFAULT_PLATFORM) {
      const names = Object.keys(input.platforms).sort();
      return { error: `platform "${platformName}" is not defined in jobform.yaml (${names.length > 0 ? `defined: ${names.join(", ")}` : "jobform.yaml defines no platforms"})` };
    }
    platform = SERVERLESS;
    note = `jobform.yaml defines no "${DEFAULT_PLATFORM}" platform, so the run uses serverless compute`;
  }
  const notebookPath = def ? def.value.notebook_path : input.arg;
  const name = def ? input.arg : lastSegment(notebookPath);
  const target: SubmitTarget = { notebookPath, name, platformName, platform, runName: input.runNameFlag ?? def?.value.run_name ?? name };
  if (def) {
    target.definitionFile = def.file;
    target.parameters = def.value.parameters ?? [];
  }
  const timeout = def?.value.timeout_seconds ?? platform.timeout_seconds;
  if (timeout !== undefined) target.timeoutSeconds = timeout;
  if (note) target.note = note;
  return target;
}
