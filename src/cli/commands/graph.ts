import type { Command } from "commander";
import { UserError } from "../errors.js";
import { formatOption, examples } from "../globals.js";

export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("the task DAG of one job (--format mermaid, dot or text)")
    .addHelpText("after", examples("graph sales-load", "graph sales-load --format text", "graph sales-load --format dot | dot -Tsvg > dag.svg"))
    .argument("<key>", "job key (the file stem under jobs/)")
    .action(async (key: string, _flags: unknown, cmd: Command) => {
      // Loaded here, not at the top, so `graph --help` loads only what it prints.
      const [{ taskGraph }, { renderDagText }, { renderDot }, { renderMermaid }, { checkedProject }] = await Promise.all([
        import("../../core/task-graph.js"),
        import("../../render/dag-text.js"),
        import("../../render/dot.js"),
        import("../../render/mermaid.js"),
        import("../plan-context.js"),
      ]);
      const format = formatOption(cmd, ["mermaid", "dot", "text"], "mermaid");
      const job = checkedProject(cmd).resolved.jobs.find((j) => j.key === key);
      if (!job) throw new UserError(`no job "${key}" in jobs/`);
      const tasks = taskGraph([job.document]);
      const name = typeof job.document.name === "string" ? job.document.name : key;
      process.stdout.write(format === "dot" ? renderDot(name, tasks) : format === "text" ? renderDagText(name, tasks) : renderMermaid(tasks) + "\n");
    });
}
