/**
 * jobform.yaml `adopt:` entries, added by `import --adopt` and removed by apply once their jobs carry the
 * ownership tags — both as splices of the user's text, so nothing else in the file changes.
 */
import { isMap, isScalar, parseDocument } from "yaml";
import type { Node } from "yaml";
import { addEntries, applySplices, lineBreak, pairOf, removeEntries, scalarText, setScalar } from "./yaml-edit.js";
import type { Splice } from "./yaml-edit.js";

/** A job id as YAML holds it exactly: a number when a double can, else a quoted string. */
const idValue = (id: string): string | number => (Number.isSafeInteger(Number(id)) ? Number(id) : id);

/** jobform.yaml with `adopt: {key: id}` entries set; undefined when the file is not a parseable map. */
export function addAdoptions(text: string, entries: ReadonlyMap<string, string>): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = pairOf(doc.contents, "adopt");
  const map = pair?.value;
  if (!pair || (isScalar(map) && map.value === null) || map === null) {
    if (pair) return undefined;
    const eol = lineBreak(text);
    const block = [...entries].map(([k, id]) => `  ${scalarText(k)}: ${scalarText(idValue(id))}${eol}`).join("");
    return `${text}${text === "" || text.endsWith("\n") ? "" : eol}adopt:${eol}${block}`;
  }
  if (!isMap(map)) return undefined;
  const splices: Splice[] = [];
  const fresh: [string, string | number][] = [];
  for (const [key, id] of entries) {
    const have = pairOf(map, key);
    if (have?.value) splices.push(...setScalar(text, have.value as Node, idValue(id)));
    else fresh.push([key, idValue(id)]);
  }
  if (fresh.length) splices.push(addEntries(text, map, fresh));
  return applySplices(text, splices);
}

/** jobform.yaml without these `adopt:` entries (without `adopt:` itself when none is left). */
export function removeAdoptions(text: string, keys: ReadonlySet<string>): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = pairOf(doc.contents, "adopt");
  if (!pair || !isMap(pair.value)) return text;
  return applySplices(text, removeEntries(text, pair.value, keys, pair));
}
