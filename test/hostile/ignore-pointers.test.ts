// JSON pointers in `ignore:` as an attacker (or a typo) writes them: escapes, empty segments, the root,
// invalid escapes and list indexes far beyond any list.
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/core/project.js";
import { keepLiveValues, withoutIgnored } from "../../src/core/ignore.js";
import { loadSchemas } from "../../src/cli/schemas.js";

const validate = (path: string) => {
  const project = `project: p\nignore:\n  - path: ${JSON.stringify(path)}\n    reason: operators own it\n`;
  return checkProject([{ path: "jobform.yaml", bytes: Buffer.from(project) }, { path: "jobs/j.yaml", bytes: Buffer.from("name: j\ntasks: [{ task_key: t, notebook_task: { notebook_path: /t } }]\n") }], { vars: {}, env: {} }, loadSchemas()).all.filter((d) => d.severity === "error");
};

describe("ignore: pointers", () => {
  it.each(["/", "/tasks//timeout_seconds", "/tags/", "//", "/tags/a~2b", "tags/x"])("refuses %s with a located error", (path) => {
    const errors = validate(path);
    expect(errors.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(["jobform.yaml:3 JF027"]);
    expect(errors[0]?.message).toContain("JSON pointer");
  });

  it.each(["/tags/a~1b", "/tags/~0x", "/email_notifications/on_failure/99999999999999999999999", "/tasks/*/timeout_seconds"])("accepts %s", (path) => {
    expect(validate(path)).toEqual([]);
  });

  it("unescapes ~1 and ~0, and a huge index matches nothing on either side", () => {
    const settings = { tags: { "a/b": "1", "~x": "2", keep: "3" }, email_notifications: { on_failure: ["a@x"] } };
    const rules = ["/tags/a~1b", "/tags/~0x", "/email_notifications/on_failure/99999999999999999999999"].map((path) => ({ path, reason: "r" }));
    const { settings: out, matched } = withoutIgnored(settings, rules);
    expect(out).toEqual({ tags: { keep: "3" }, email_notifications: { on_failure: ["a@x"] } });
    expect(matched.map((r) => r.path)).toEqual(["/tags/a~1b", "/tags/~0x"]);
    expect(keepLiveValues(settings, { ...settings, email_notifications: { on_failure: ["b@x"] } }, rules)).toEqual(settings);
  });
});
