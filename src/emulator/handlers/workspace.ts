// Workspace API 2.0: list, get-status, export, import, mkdirs, delete (API-NOTES §7).
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Json, Language, Workspace } from "../state.js";
import { ApiFailure, invalid } from "../errors.js";
import { boolParam, bodyObject } from "../request-fields.js";
import { cleanPath, hasChildren, lookup, mkdirs, objectInfo, putObject, type NewObject } from "../workspace-tree.js";
import { isNotebookSource, jupyterToSource, languageOfPath, sourceFileType, sourceToJupyter, withHeader } from "../notebook-format.js";

const MAX_BYTES = 10 * 1024 * 1024;
const LANGUAGES: readonly Language[] = ["PYTHON", "SQL", "SCALA", "R"];

function tooLarge(): ApiFailure {
  return new ApiFailure(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", "The notebook or file exceeds the maximum allowed size of 10485760 bytes.");
}

export function listObjects(req: EmuRequest, ws: Workspace): EmuResponse {
  const path = cleanPath(req.query.get("path") ?? "/");
  const obj = lookup(ws, path);
  // Listing a file answers a one-element list with the file itself (cli filer ReadDir).
  if (obj.object_type !== "DIRECTORY") return { status: 200, body: { objects: [objectInfo(obj)] } };
  const prefix = path === "/" ? "/" : `${path}/`;
  const children: Json[] = [];
  for (const [p, o] of ws.objects) if (p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes("/")) children.push(objectInfo(o));
  children.sort((a, b) => String(a.path).localeCompare(String(b.path)));
  // An empty directory answers {} (empty lists are omitted).
  return { status: 200, body: children.length > 0 ? { objects: children } : {} };
}

export function getStatus(req: EmuRequest, ws: Workspace): EmuResponse {
  const obj = lookup(ws, cleanPath(req.query.get("path")));
  const info = objectInfo(obj);
  if (obj.object_type === "NOTEBOOK" && boolParam(req.query, "return_export_info")) info.repos_export_format = "SOURCE";
  return { status: 200, body: info };
}

export function exportObject(req: EmuRequest, ws: Workspace): EmuResponse {
  const obj = lookup(ws, cleanPath(req.query.get("path")));
  const format = (req.query.get("format") ?? "SOURCE").toUpperCase();
  let content: Buffer;
  let fileType: string | undefined;
  if (obj.object_type === "NOTEBOOK") {
    const lang = obj.language ?? "PYTHON";
    const text = obj.content?.toString("utf8") ?? "";
    if (format === "SOURCE" || format === "AUTO") {
      content = Buffer.from(text);
      fileType = sourceFileType(lang);
    } else if (format === "JUPYTER") {
      content = Buffer.from(sourceToJupyter(text, lang, obj.path.slice(obj.path.lastIndexOf("/") + 1)));
      fileType = "ipynb";
    } else throw invalid(`Export format ${format} is not supported by the emulator; use SOURCE or JUPYTER.`);
  } else if (obj.object_type === "FILE") {
    if (!["SOURCE", "AUTO", "RAW"].includes(format)) throw invalid(`Files can only be exported with format SOURCE, AUTO or RAW, not ${format}.`);
    content = obj.content ?? Buffer.alloc(0);
  } else throw invalid(`Exporting a ${obj.object_type.toLowerCase()} is not supported by the emulator.`);
  if (content.length > MAX_BYTES) throw tooLarge();
  if (boolParam(req.query, "direct_download")) return { status: 200, raw: content, headers: { "content-type": "application/octet-stream" } };
  const body: Json = { content: content.toString("base64") };
  if (fileType) body.file_type = fileType;
  return { status: 200, body };
}

function languageField(v: unknown): Language | undefined {
  if (v === undefined) return undefined;
  const l = String(v).toUpperCase();
  if (!(LANGUAGES as readonly string[]).includes(l)) throw invalid(`Invalid language: ${String(v)}. Must be one of PYTHON, SQL, SCALA, R.`);
  return l as Language;
}

/** Decides what an import creates: formats as API-NOTES §7 describes (AUTO strips a notebook's extension). */
export function planImport(path: string, format: string, language: Language | undefined, data: Buffer): NewObject {
  const { ext, language: extLang } = languageOfPath(path);
  const stripped = path.slice(0, path.length - ext.length);
  const text = data.toString("utf8");
  const fromJupyter = (target: string): NewObject => {
    try {
      const nb = jupyterToSource(text, language ?? "PYTHON");
      return { path: target, type: "NOTEBOOK", language: nb.language, content: Buffer.from(nb.text) };
    } catch {
      throw invalid("The content is not a valid Jupyter notebook.");
    }
  };
  switch (format) {
    case "SOURCE":
      if (!language) throw invalid("The language field is required when importing a notebook with format SOURCE.");
      return { path, type: "NOTEBOOK", language, content: Buffer.from(withHeader(text, language)) };
    case "JUPYTER":
      return fromJupyter(path);
    case "AUTO":
      if (ext === ".ipynb") return fromJupyter(stripped);
      if (extLang && isNotebookSource(text, extLang)) return { path: stripped, type: "NOTEBOOK", language: extLang, content: data };
      return { path, type: "FILE", content: data };
    case "RAW":
      return { path, type: "FILE", content: data };
    default:
      throw invalid(`Import format ${format} is not supported by the emulator; use SOURCE, JUPYTER, AUTO or RAW.`);
  }
}

export function importObject(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const path = cleanPath(body.path);
  const content = typeof body.content === "string" ? Buffer.from(body.content, "base64") : Buffer.alloc(0);
  if (content.length > MAX_BYTES) throw tooLarge();
  const format = String(body.format ?? "SOURCE").toUpperCase();
  putObject(ws, planImport(path, format, languageField(body.language), content), body.overwrite === true);
  return { status: 200, body: {} };
}

export function mkdirsHandler(req: EmuRequest, ws: Workspace): EmuResponse {
  mkdirs(ws, cleanPath(bodyObject(req).path));
  return { status: 200, body: {} };
}

export function deleteObject(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const path = cleanPath(body.path);
  const obj = lookup(ws, path);
  if (path === "/") throw invalid("The root folder cannot be deleted.");
  if (obj.object_type === "DIRECTORY" && hasChildren(ws, path)) {
    if (body.recursive !== true) throw new ApiFailure(400, "DIRECTORY_NOT_EMPTY", `Folder (${path}) is not empty.`);
    for (const p of [...ws.objects.keys()]) if (p.startsWith(`${path}/`)) ws.objects.delete(p);
  }
  ws.objects.delete(path);
  return { status: 200, body: {} };
}
