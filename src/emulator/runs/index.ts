// The run life cycle endpoints, registered on the emulator's route table at import time.
import type { Route } from "../types.js";
import { JOBS_VERSIONS, registerRoutes } from "../routes.js";
import { runNow, submitRun } from "./handlers-start.js";
import { getOutput, getRunHandler, listRuns } from "./handlers-read.js";
import { cancel, cancelAll, deleteRun } from "./handlers-control.js";
import { repairRun } from "./repair.js";
import { setRollup } from "./planner.js";
import { rollup } from "./rollup.js";

setRollup(rollup);

const ROUTES: Route[] = [
  { method: "POST", pattern: "jobs/run-now", versions: JOBS_VERSIONS, mutates: true, handler: runNow },
  { method: "POST", pattern: "jobs/runs/submit", versions: JOBS_VERSIONS, mutates: true, handler: submitRun },
  { method: "GET", pattern: "jobs/runs/get", versions: JOBS_VERSIONS, handler: getRunHandler },
  { method: "GET", pattern: "jobs/runs/get-output", versions: JOBS_VERSIONS, handler: getOutput },
  { method: "GET", pattern: "jobs/runs/list", versions: JOBS_VERSIONS, handler: listRuns },
  { method: "POST", pattern: "jobs/runs/cancel", versions: JOBS_VERSIONS, mutates: true, handler: cancel },
  { method: "POST", pattern: "jobs/runs/cancel-all", versions: JOBS_VERSIONS, mutates: true, handler: cancelAll },
  { method: "POST", pattern: "jobs/runs/delete", versions: JOBS_VERSIONS, mutates: true, handler: deleteRun },
  { method: "POST", pattern: "jobs/runs/repair", versions: JOBS_VERSIONS, mutates: true, handler: repairRun },
];

registerRoutes(ROUTES);
