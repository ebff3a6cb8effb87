// A task as git and the workspace have it, field by field side by side; the fields the plan changes are
// highlighted (the plan compares normalised forms, so a server default the workspace shows is not a change).
import { h, show } from "./dom.js";
import type { TaskSides } from "./types.js";

/** Leaves of a JSON value as pointer → value; lists of scalars stay one value. */
export function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) out.set(prefix || "/", value);
    else value.forEach((v, i) => flatten(v, `${prefix}/${i}`, out));
  } else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix || "/", value);
    for (const [k, v] of entries) flatten(v, `${prefix}/${k}`, out);
  } else out.set(prefix || "/", value);
  return out;
}

function covered(path: string, changed: readonly string[]): boolean {
  return changed.some((c) => c === "/" || path === c || path.startsWith(`${c}/`) || c.startsWith(`${path}/`));
}

/** Rows of `field | git | workspace`, changed ones marked; a change no row spells out marks its top field. */
export function sideBySide(git: unknown, workspace: unknown, changed: readonly string[]): HTMLTableElement {
  const a = git === undefined ? new Map<string, unknown>() : flatten(git);
  const b = workspace === undefined ? new Map<string, unknown>() : flatten(workspace);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const hit = new Set(paths.filter((p) => covered(p, changed)));
  for (const c of changed) if (!paths.some((p) => covered(p, [c]))) for (const p of paths) if (p.split("/")[1] === c.split("/")[1]) hit.add(p);
  const body = h("tbody", {}, ...paths.map((p) => h("tr", { class: hit.has(p) ? "changed" : "" }, h("th", { scope: "row" }, p.slice(1) || "(value)"), h("td", {}, show(a.get(p))), h("td", {}, show(b.get(p))))));
  return h("table", { class: "sides" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "field"), h("th", { scope: "col" }, "git"), h("th", { scope: "col" }, "workspace"))), body);
}

export function taskPanel(taskId: string, sides: TaskSides | undefined, close: () => void): HTMLElement {
  const key = taskId.split("/")[0] as string;
  const inner = taskId.includes("/") ? ` (inner task ${taskId.split("/")[1]} of the for_each task)` : "";
  const typeOf = (t: unknown) => (t && typeof t === "object" ? Object.keys(t).find((k) => k.endsWith("_task"))?.replace(/_task$/, "") : undefined);
  const type = typeOf(sides?.git) ?? typeOf(sides?.workspace) ?? "unknown";
  const where = sides?.git === undefined ? "only in the workspace" : sides.workspace === undefined ? "only in git" : sides.changed.length ? `${sides.changed.length} change${sides.changed.length === 1 ? "" : "s"} in the plan` : "git and the workspace agree";
  return h(
    "section",
    { class: "task-panel", id: "task-panel", "aria-label": `task ${key}` },
    h("header", {}, h("h3", {}, `${key}${inner}`), h("button", { type: "button", class: "small", onclick: close, "aria-label": "close the task panel" }, "Close")),
    h("p", {}, h("span", { class: "tag" }, type), " ", where),
    sideBySide(sides?.git, sides?.workspace, sides?.changed ?? []),
  );
}
