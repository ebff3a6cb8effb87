import { describe, expect, it } from "vitest";
import { coerceValue } from "../../src/runner/coerce.js";
import type { ParameterType } from "../../src/runner/coerce.js";

const good: [ParameterType, string | number | boolean, string][] = [
  ["string", "  keep spaces ", "  keep spaces "],
  ["string", 42, "42"],
  ["int", "007", "7"],
  ["int", "+12", "12"],
  ["int", 5, "5"],
  ["int", "9223372036854775807", "9223372036854775807"],
  ["float", "1.50", "1.5"],
  ["float", ".5", "0.5"],
  ["float", "1e3", "1000"],
  ["float", 2, "2"],
  ["bool", true, "true"],
  ["bool", "Yes", "true"],
  ["bool", "0", "false"],
  ["bool", "FALSE", "false"],
  ["date", "2024-02-29", "2024-02-29"],
  ["datetime", "2024-01-31 06:00", "2024-01-31T06:00:00"],
  ["datetime", "2024-01-31T06:00:05.123+0100", "2024-01-31T06:00:05.123+01:00"],
  ["datetime", "2024-01-31t06:00:00z", "2024-01-31T06:00:00Z"],
  ["json", '{ "a": [1, 2],  "b": null }', '{"a":[1,2],"b":null}'],
  ["json", 3, "3"],
  ["json", false, "false"],
];

const bad: [ParameterType, string | number | boolean, RegExp][] = [
  ["int", "1.5", /whole number/],
  ["int", 1.5, /whole number/],
  ["int", "ten", /whole number/],
  ["float", "NaN", /number/],
  ["float", "1e999", /out of range/],
  ["float", true, /number/],
  ["bool", "maybe", /true or false/],
  ["date", "2023-02-29", /YYYY-MM-DD/],
  ["date", "2024-13-01", /YYYY-MM-DD/],
  ["date", "31/01/2024", /YYYY-MM-DD/],
  ["datetime", "2024-01-31T24:00:00", /out of range/],
  ["datetime", "2024-01-31", /date and time/],
  ["json", "{a:1}", /not valid JSON/],
];

describe("coerceValue", () => {
  it.each(good)("%s %j → %j", (type, value, sent) => {
    expect(coerceValue(type, value)).toEqual({ ok: true, value: sent });
  });
  it.each(bad)("%s %j is refused", (type, value, reason) => {
    const r = coerceValue(type, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
