// The users, groups and service principals a project names, as the emulator's directory entries
// (`kind:name`): so a local workspace started for a project (`demo`, `serve --principals-of`) passes the
// principal preflight the way the team's real workspace would.
import { checkProject } from "../core/project.js";
import { principalRefs } from "../core/principal-refs.js";
import { readProject } from "./read-project.js";
import { loadSchemas } from "./schemas.js";

export function projectPrincipals(dir: string): string[] {
  const checked = checkProject(readProject(dir), { vars: {}, env: process.env }, loadSchemas());
  return [...new Set(principalRefs(checked.resolved.jobs).map((r) => `${r.kind}:${r.name}`))];
}
