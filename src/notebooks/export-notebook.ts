/**
 * One notebook's text for the widget parser. The JUPYTER export carries Databricks' own record of
 * the widgets last rendered in the notebook, which is better than reading the code (it knows widgets
 * declared by %run notebooks and computed names), so it is asked for first and used when it holds
 * that record. Otherwise the SOURCE export is parsed: its line numbers match the file users see.
 */
import type { ObjectInfo, WorkspaceApi } from "../databricks/index.js";
import { readIpynb } from "./ipynb.js";
import type { NotebookFormat, NotebookLanguage } from "./widget-types.js";

export type WorkspaceExporter = Pick<WorkspaceApi, "exportBytes">;

export interface ExportedNotebook {
  text: string;
  format: NotebookFormat;
  language: NotebookLanguage;
}

const LANGUAGES = new Set<string>(["PYTHON", "SCALA", "SQL", "R"]);

export function notebookLanguage(info: ObjectInfo): NotebookLanguage {
  // .ipynb notebooks and objects listed without a language are Python.
  return info.language && LANGUAGES.has(info.language) ? (info.language as NotebookLanguage) : "PYTHON";
}

export async function exportNotebook(ws: WorkspaceExporter, info: ObjectInfo): Promise<ExportedNotebook> {
  const language = notebookLanguage(info);
  try {
    const jupyter = (await ws.exportBytes(info.path, "JUPYTER")).toString("utf8");
    if (readIpynb(jupyter, language, []).metadataWidgets) return { text: jupyter, format: "JUPYTER", language };
  } catch {
    // A notebook over the JUPYTER size limit, or a workspace that refuses the format: SOURCE still works.
  }
  const source = (await ws.exportBytes(info.path, "SOURCE")).toString("utf8");
  return { text: source, format: "SOURCE", language };
}
