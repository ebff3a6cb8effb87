// The conversion report as text: grouped by topic, each line where the bundle says it, so that nothing the
// bundle did and jobform does not is left unsaid.
import type { ReportItem, Topic } from "./model.js";

const HEADINGS: Readonly<Record<Topic, string>> = {
  paths: "Files jobform does not upload (they must exist in the workspace)",
  artifacts: "Artifacts jobform does not build or upload",
  variables: "Variables",
  references: "References jobform cannot resolve offline",
  permissions: "Permissions and run_as",
  targets: "Targets",
  mode: "Target modes",
  presets: "Presets",
  sync: "File sync",
  resources: "Resources jobform does not manage",
  python: "Python-defined resources",
  settings: "Other bundle settings",
};

export function renderReport(items: readonly ReportItem[]): string {
  if (!items.length) return "Report: nothing to add; every setting of the bundle has a jobform counterpart.\n";
  let out = "Report: what jobform does differently or not at all\n";
  for (const topic of Object.keys(HEADINGS) as Topic[]) {
    const mine = items.filter((i) => i.topic === topic);
    if (!mine.length) continue;
    out += `\n${HEADINGS[topic]}:\n`;
    for (const i of mine) out += `  - ${i.file ? `${i.file}:${i.line}:${i.column}: ` : ""}${i.message}\n`;
  }
  return out;
}
