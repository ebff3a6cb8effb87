import { appendFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import type { CheckedProject } from "../core/project.js";
import type { ResolvedProject } from "../core/resolve.js";
import { maskKnown, maskString, secretValues } from "../core/mask.js";

/** GitHub Actions sets GITHUB_ACTIONS=true and a file whose Markdown becomes the job's summary page. */
export function inGitHubActions(): boolean {
  return process.env.GITHUB_ACTIONS === "true";
}

/**
 * Appends to the step summary. It is a copy of what was already printed, so a file that cannot be written
 * is a warning: failing here, after apply wrote, would report a successful apply as failed.
 */
export function writeStepSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!inGitHubActions() || !file) return;
  try {
    appendFileSync(file, markdown.endsWith("\n") ? markdown : markdown + "\n");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    process.stderr.write(`jobform: warning: could not write the step summary GITHUB_STEP_SUMMARY=${file} (${code}); the output above is complete\n`);
  }
}

/**
 * A project file's name as the reader needs it: in GitHub Actions, from the repository root
 * (GITHUB_WORKSPACE), since annotations on a project in a monorepo subfolder otherwise name no file of
 * the pull request; elsewhere, from --dir. A file outside the repository keeps its project name.
 */
export function shownPath(dir: string): (file: string) => string {
  const root = process.env.GITHUB_WORKSPACE;
  if (!inGitHubActions() || !root) return (file) => file;
  return (file) => {
    if (file === "") return file;
    const rel = relative(resolve(root), resolve(dir, file)).split(sep).join("/");
    return rel === "" || rel.startsWith("../") || rel === ".." || isAbsolute(rel) ? file : rel;
  };
}

/**
 * Diagnostics and the source texts of their files, named as shownPath names them. The texts are what code
 * frames quote, so secrets in them are masked as in a plan: JF080's frame shows the line of a literal
 * password with `(sensitive)` where the password is.
 */
export function shownDiagnostics(ds: readonly Diagnostic[], checked: CheckedProject, dir: string): { shown: Diagnostic[]; sources: Map<string, string> } {
  const name = shownPath(dir);
  const files = new Set(ds.map((d) => d.file));
  const docs = [checked.projectDoc, ...checked.jobDocs, ...checked.notebookDocs].filter((d) => d !== undefined && files.has(d.file));
  const secrets = docs.length > 0 ? secretValues(checked.resolved) : [];
  return {
    shown: ds.map((d) => ({ ...d, file: name(d.file) })),
    sources: new Map(docs.flatMap((d) => (d ? [[name(d.file), maskString(maskKnown(d.text, secrets))] as const] : []))),
  };
}

// Workflow commands take their data after `::`; these characters would end or split it.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One `::error`/`::warning` line per diagnostic, so the pull request shows it on the offending line. */
export function annotations(ds: readonly Diagnostic[]): string {
  return ds
    .map((d) => {
      const props = [`file=${escapeProperty(d.file)}`, ...(d.line > 0 ? [`line=${d.line}`, `col=${d.column}`] : []), `title=${escapeProperty(d.code)}`].join(",");
      return `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeData(d.message)}\n`;
    })
    .join("");
}

/**
 * `::add-mask::` for every secret value the resolved configuration holds — literal values under
 * secret-looking names and variables with such names — so no later line of the log can show them.
 */
export function maskCommands(resolved: ResolvedProject): string {
  return secretValues(resolved)
    .map((v) => `::add-mask::${escapeData(v)}\n`)
    .join("");
}

/**
 * Workflow commands go to stderr, which the Actions runner reads for commands as it reads stdout: stdout
 * may be the product (`plan --format markdown > plan.md` becomes the PR comment), and a mask line carries
 * the very value it hides.
 */
export function emitWorkflowCommands(text: string): void {
  if (inGitHubActions() && text) process.stderr.write(text);
}

/** Long output folds into a named group in the Actions log. */
export function grouped(title: string, text: string): string {
  return inGitHubActions() ? `::group::${escapeData(title)}\n${text}${text.endsWith("\n") ? "" : "\n"}::endgroup::\n` : text;
}
