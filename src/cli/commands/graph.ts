import type { Command } from "commander";
import { taskGraph } from "../../core/task-graph.js";
import { renderDagText } from "../../render/dag-text.js";
import { renderDot } from "../../render/dot.js";
import { renderMermaid } from "../../render/mermaid.js";
import { UserError } from "../errors.js";
import { formatOption, examples } from "../globals.js";
import { checkedProject } from "../plan-context.js";

export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("the task DAG of one job (--format mermaid, dot or text)")
    .addHelpText("after", examples("graph sales-load", "graph sales-load --format text", "graph sales-load --format dot | dot -Tsvg > dag.svg"))
    .argument("<key>", "job key (the file stem under jobs/)")
    .action((key: string, _flags: unknown, cmd: Command) => {
      const format = formatOption(cmd, ["mermaid", "dot", "text"], "mermaid");
      const job = checkedProject(cmd).resolved.jobs.find((j) => j.key === key);
      if (!job) throw new UserError(`no job "${key}" in jobs/`);
      const tasks = taskGraph([job.document]);
      const name = typeof job.document.name === "string" ? job.document.name : key;
      process.stdout.write(format === "dot" ? renderDot(name, tasks) : format === "text" ? renderDagText(name, tasks) : renderMermaid(tasks) + "\n");
    });
}
