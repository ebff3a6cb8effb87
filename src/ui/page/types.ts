// The API's answers as the page sees them: the server's own types, with int64 ids as strings on the wire.
export type { JobRow, JobsOverview, SyncStatus } from "../server/jobs-rows.js";
export type { JobDetail, TaskSides } from "../server/job-detail.js";
export type { Dag, DagNode, DagEdge } from "../../render/dag.js";
export type { LastRun } from "../../runs/jobs-table.js";
export type { RunSummary } from "../../runs/runs-table.js";
export type { RunView, TaskRunView } from "../../runs/run-ops.js";
export type { TaskOutput } from "../../runs/output-view.js";
