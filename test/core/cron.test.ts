import { describe, expect, it } from "vitest";
import { checkQuartzCron, quartzNeverFires } from "../../src/core/cron.js";
import { isTimeZone } from "../../src/core/lint/schedule.js";

describe("Quartz cron", () => {
  it.each([
    "0 0 6 * * ?",
    "0 30 1 ? * MON-FRI",
    "0 0/5 14,18 L * ?",
    "0 15 10 ? * 6L 2026-2030",
    "0 0 12 ? JAN-MAR 2#1",
    "*/30 * * ? * *",
    "0 0 0 LW * ?",
    "0 0 0 15W * ?",
    "0 0 0 ? * L",
  ])("accepts %s", (expr) => expect(checkQuartzCron(expr)).toBeUndefined());

  it.each([
    ["0 6 * * *", /got 5 .*Unix cron/],
    ["0 0 6 * * MON", /exactly one of day-of-month and day-of-week/],
    ["0 0 6 ? * ?", /exactly one of day-of-month and day-of-week/],
    ["60 0 6 * * ?", /"60" is out of range for seconds/],
    ["0 0 24 * * ?", /"24" is out of range for hours/],
    ["0 0 6 32 * ?", /"32" is out of range for day-of-month/],
    ["0 0 6 ? FOO MON", /"FOO" is out of range for month/],
    ["0 0 6 ? * 8", /"8" is out of range for day-of-week/],
    ["0 0/0 6 * * ?", /step "0"/],
    ["? 0 6 * * ?", /only allowed in day-of-month or day-of-week/],
    ["0 0 6 * * ? 1969", /out of range for year/],
    ["0 0 6 * * ? 2030 x", /got 8/],
  ])("rejects %s", (expr, message) => expect(checkQuartzCron(expr)).toMatch(message));
});

describe("time zones", () => {
  it("knows IANA ids and their aliases", () => {
    for (const tz of ["UTC", "Europe/Amsterdam", "America/Sao_Paulo", "US/Pacific", "Etc/GMT+2"]) expect(isTimeZone(tz)).toBe(true);
  });
  it("refuses made-up zones and padding", () => {
    for (const tz of ["Mars/Olympus_Mons", "", " UTC", "Europe/Amsterdam "]) expect(isTimeZone(tz)).toBe(false);
  });
});

describe("Quartz cron that never fires", () => {
  it.each([
    ["0 0 6 30 2 ?", /day 30 of FEB never occurs/],
    ["0 0 6 31 4,6,9,11 ?", /day 31 of APR, JUN, SEP, NOV never occurs/],
    ["0 0 6 30-31 FEB ?", /day 30, 31 of FEB/],
  ])("warns about %s", (expr, message) => expect(quartzNeverFires(expr)).toMatch(message));

  it.each(["0 0 6 29 2 ?", "0 0 6 31 * ?", "0 0 6 30 1-2 ?", "0 0 6 L 2 ?", "0 0 6 ? 2 MON", "0 0 6 31 NOV-JAN ?", "0 0 6 1/5 2 ?"])("accepts %s", (expr) => expect(quartzNeverFires(expr)).toBeUndefined());
});
