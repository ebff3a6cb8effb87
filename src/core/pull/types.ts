/** What `jobform pull` changed, and what it reported and left: the values its text and JSON outputs print. */
import type { DocOp } from "./yaml-ops.js";

/** Where an edit went: the file the value came from, decided by provenance. */
export type Route = "job file" | "target override" | "target variable";

export interface PullEdit {
  key: string;
  file: string;
  /** Line of the edited value (or of the place it was added) in the file before the edit. */
  line: number;
  /** The field, as the plan names it (keyed lists by key: `/tasks/ingest/timeout_seconds`). */
  pointer: string;
  /** Git's value (absent: git did not set it) and the workspace's, in the API's shape. */
  before?: unknown;
  after?: unknown;
  routed_to: Route;
  note?: string;
  /** The edit of the file's text (not printed). */
  op: DocOp;
}

export interface LeftAlone {
  key: string;
  pointer: string;
  reason: string;
  git?: unknown;
  live?: unknown;
  /** The template git holds there, when that is why. */
  template?: string;
}

export interface PullResult {
  edits: PullEdit[];
  left: LeftAlone[];
  /** Jobs with a definition that the workspace does not have (deleted there, or never applied). */
  missing: string[];
}
