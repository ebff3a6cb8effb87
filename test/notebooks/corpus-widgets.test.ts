import { describe, expect, it } from "vitest";
import { brief, parseCorpus } from "./support.js";

describe("python-basic.py: every call shape of a plain declaration", () => {
  const report = parseCorpus("python-basic.py");

  it("reads positional, keyword, multi-line and oddly quoted declarations", () => {
    expect(report.widgets).toEqual([
      { name: "run_date", kind: "text", default: "2024-01-01", label: "Run date", line: 4 },
      { name: "1. Source table", kind: "text", default: "sales.raw_orders", line: 5 },
      { name: "mode", kind: "dropdown", default: "full", choices: ["full", "incremental"], label: "Load mode", line: 6 },
      { name: "region", kind: "combobox", default: "apac", choices: ["eu", "us"], label: "Region", line: 12 },
      { name: "days", kind: "multiselect", default: "mon,tue", choices: ["mon", "tue", "wed"], line: 13 },
      { name: "note", kind: "text", default: "multi\nline", line: 18 },
      { name: "path", kind: "text", default: "C:\\data\\in", line: 20 },
      { name: "greeting", kind: "text", default: "it's \"quoted\"\t!", line: 21 },
      { name: "joined", kind: "text", default: "part one, part two", line: 22 },
      { name: "batch_size", kind: "text", default: "500", line: 23 },
      { name: "plain_f", kind: "text", default: "no fields {here}", line: 24 },
      { name: "with.dots and spaces", kind: "text", default: "", line: 25 },
    ]);
  });

  it("only notes the numeric default; removeAll before any declaration is harmless", () => {
    expect(brief(report.findings)).toEqual(["info non-string-default 23 batch_size"]);
  });
});

describe("python-pitfalls.py: what must be reported rather than invented", () => {
  const report = parseCorpus("python-pitfalls.py");

  it("keeps literal names, drops computed ones, never guesses a default", () => {
    expect(report.widgets.map((w) => [w.name, w.default, w.line])).toEqual([
      ["target", null, 21],
      ["suffix", null, 22],
      ["scale", "1", 50],
      ["tier", "gold", 24],
      ["colors", "red,blue", 25],
      ["nochoice", "a", 26],
      ["schema", "main", 31],
      ["debug", "false", 34],
      ["limit", "100", 39],
    ]);
    expect(report.widgets.find((w) => w.name === "scale")?.choices).toEqual(["1", "2"]);
  });

  it("reports every pitfall at its line", () => {
    expect(brief(report.findings)).toEqual([
      "warning run-include 8",
      "info commented-out-declaration 12 old_table",
      "info commented-out-declaration 13 older",
      "warning dynamic-name 20",
      "warning dynamic-default 21 target",
      "warning dynamic-default 22 suffix",
      "info dynamic-choices 23 scale",
      "warning default-not-in-choices 24 tier",
      "warning default-not-in-choices 25 colors",
      "warning missing-choices 26 nochoice",
      "info conditional-declaration 31 schema",
      "warning conditional-declaration 34 debug",
      "warning conditional-declaration 36 debug",
      "warning duplicate-widget 36 debug",
      "warning conditional-declaration 39 limit",
      "warning dynamic-name 42",
      "warning duplicate-widget 44 target",
      "warning duplicate-widget 45 suffix",
      "info widget-removed 51 tier",
      "warning undeclared-read 52 never_declared",
      "warning undeclared-read 53 also_missing",
    ]);
  });

  it("names the block, the %run target and the expression in its messages", () => {
    const text = (code: string, line: number): string => report.findings.find((f) => f.code === code && f.line === line)?.message ?? "";
    expect(text("conditional-declaration", 31)).toContain("`except` block (line 30)");
    expect(text("conditional-declaration", 39)).toContain("function defined at line 38");
    expect(text("run-include", 8)).toContain("./shared/Common");
    expect(text("dynamic-name", 20)).toContain('f"{env}_table"');
    expect(text("undeclared-read", 52)).toContain("%run");
  });
});

describe("scala-widgets.scala", () => {
  const report = parseCorpus("scala-widgets.scala");

  it("reads Seq/List choices, named arguments, raw strings and MAGIC cells of other languages", () => {
    expect(report.widgets).toEqual([
      { name: "input_path", kind: "text", default: "/mnt/raw/orders", label: "Input path", line: 2 },
      { name: "format", kind: "dropdown", default: "delta", choices: ["delta", "parquet", "csv"], label: "Format", line: 3 },
      { name: "owner", kind: "combobox", default: "data-eng", choices: ["data-eng", "analytics"], line: 4 },
      { name: "interp_default", kind: "text", default: null, line: 13 },
      { name: "no_interp", kind: "text", default: "plain", line: 14 },
      { name: "raw_text", kind: "text", default: 'C:\\temp "q" ', line: 15 },
      { name: "flag", kind: "text", default: "on", line: 17 },
      { name: "from_python", kind: "text", default: "py", line: 29 },
      { name: "from_sql", kind: "text", default: "sq", line: 34 },
    ]);
  });

  it("ignores nested block comments and flags interpolation, blocks and undeclared reads", () => {
    expect(brief(report.findings)).toEqual([
      "info commented-out-declaration 9 in_block_comment",
      "warning dynamic-name 12",
      "warning dynamic-default 13 interp_default",
      "warning conditional-declaration 17 flag",
      "warning dynamic-name 20",
      "warning undeclared-read 23 not_declared",
    ]);
  });
});

describe("r-widgets.r", () => {
  const report = parseCorpus("r-widgets.r");

  it("reads c()/list() choices, named arguments, raw strings and a backticked SQL name", () => {
    expect(report.widgets).toEqual([
      { name: "country", kind: "text", default: "NL", label: "Country", line: 2 },
      { name: "metric", kind: "dropdown", default: "revenue", choices: ["revenue", "units"], line: 3 },
      { name: "years", kind: "multiselect", default: "2023", choices: ["2022", "2023", "2024"], label: "Years", line: 4 },
      { name: "quoted", kind: "combobox", default: "single", choices: ["single", "double"], line: 7 },
      { name: "raw", kind: "text", default: "C:\\path\\file", line: 8 },
      { name: "inside_function", kind: "text", default: null, line: 11 },
      { name: "maybe", kind: "text", default: "none", line: 13 },
      { name: "braceless", kind: "text", default: "y", line: 14 },
      { name: "R Region", kind: "dropdown", default: "emea", choices: ["emea", "amer"], line: 21 },
    ]);
  });

  it("treats tryCatch as a guard (info) and functions or if as conditional (warning)", () => {
    expect(brief(report.findings)).toEqual([
      "info commented-out-declaration 9 commented",
      "warning dynamic-default 11 inside_function",
      "warning conditional-declaration 11 inside_function",
      "info conditional-declaration 13 maybe",
      "warning conditional-declaration 14 braceless",
      "warning undeclared-read 16 rows",
    ]);
  });
});

describe("sql-widgets.sql", () => {
  const report = parseCorpus("sql-widgets.sql");

  it("reads every CREATE WIDGET form; a widget removed and re-created takes the new settings", () => {
    expect(report.widgets).toEqual([
      { name: "catalog", kind: "text", default: "main", line: 2 },
      { name: "env", kind: "dropdown", default: "prod", choices: ["prod", "dr"], line: 18 },
      { name: "table name", kind: "combobox", default: "orders", choices: ["orders", "customers", "items"], line: 4 },
      { name: "days", kind: "multiselect", default: "mon", choices: ["mon", "tue"], line: 5 },
      { name: "country", kind: "dropdown", default: "NL", line: 6 },
      { name: "size", kind: "dropdown", default: "XL", choices: ["S", "M"], line: 9 },
      { name: "rows", kind: "text", default: "100", line: 10 },
      { name: "today", kind: "text", default: null, line: 11 },
      { name: "wg_env", kind: "dropdown", default: "dev", choices: ["dev", "prod"], line: 34 },
    ]);
  });

  it("tells parameter markers from JSON paths, casts, times and Spark conf substitutions", () => {
    expect(brief(report.findings)).toEqual([
      "info dynamic-choices 6 country",
      "warning default-not-in-choices 9 size",
      "info non-string-default 10 rows",
      "warning dynamic-default 11 today",
      "info commented-out-declaration 12 scale_factor",
      "info commented-out-declaration 13 in_block",
      "info widget-removed 19 catalog",
      "warning undeclared-read 24 undeclared_schema",
      "warning undeclared-read 25 date",
      "warning undeclared-read 25 arg_only",
      "info conditional-declaration 34 wg_env",
    ]);
  });
});

describe("JUPYTER exports", () => {
  it("prefers the saved widget metadata, and says where it disagrees with the code", () => {
    const report = parseCorpus("jupyter-metadata.ipynb");
    expect(report.widgets).toEqual([
      { name: "start", kind: "text", default: "2024-01-01", line: 1, cell: 2 },
      { name: "level", kind: "dropdown", default: "high", choices: ["low", "high", "max"], label: "Level", line: 2, cell: 2 },
      { name: "fresh", kind: "text", default: "1", line: 4, cell: 2 },
      { name: "sql_param", kind: "text", default: "x", line: 2, cell: 3 },
      { name: "helper_flag", kind: "combobox", default: "no", choices: ["yes", "no"], line: 0 },
    ]);
    expect(brief(report.findings)).toEqual([
      "info metadata-only-widget 0 helper_flag",
      "info metadata-differs 2:2 level",
      "info widget-not-in-metadata 4:2 fresh",
      "info commented-out-declaration 3:3 hidden",
      "warning run-include 1:4",
      "warning dynamic-name 2:5",
    ]);
  });

  it("parses string and list sources, skips markdown, and falls back to code when the metadata is empty", () => {
    const report = parseCorpus("jupyter-plain.ipynb");
    expect(report.widgets).toEqual([
      { name: "owner", kind: "text", default: "me", line: 1, cell: 2 },
      { name: "lang", kind: "dropdown", default: "scala", choices: ["scala", "java"], line: 2, cell: 3 },
    ]);
    expect(brief(report.findings)).toEqual(["info commented-out-declaration 2:2 off"]);
  });
});
