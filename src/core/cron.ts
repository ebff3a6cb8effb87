/**
 * Quartz cron expressions as Databricks schedules use them: 6 or 7 fields (seconds, minutes, hours,
 * day-of-month, month, day-of-week, optional year), and exactly one of day-of-month / day-of-week is `?`.
 * Returns a message for the first problem, or undefined when the expression is valid.
 */
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  special?: RegExp;
}

const FIELDS: Field[] = [
  { name: "seconds", min: 0, max: 59 },
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: /^(\?|L(-\d{1,2})?|LW|\d{1,2}W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, special: /^(\?|L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/ },
  { name: "year", min: 1970, max: 2099 },
];

function value(token: string, f: Field): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= f.min && n <= f.max ? n : undefined;
  }
  const i = f.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? i + f.min : undefined;
}

function checkItem(item: string, f: Field): string | undefined {
  if (item === "*") return undefined;
  if (f.special?.test(item.toUpperCase())) return undefined;
  const [range, step, extra] = item.split("/");
  if (extra !== undefined) return `"${item}" has more than one "/"`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return `step "${step}" in "${item}" must be a positive number`;
  if (range === "*" && step !== undefined) return undefined;
  const [from, to, more] = (range ?? "").split("-");
  if (more !== undefined || from === undefined || from === "") return `"${item}" is not a valid ${f.name} value`;
  if (value(from, f) === undefined) return `"${from}" is out of range for ${f.name} (${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ""})`;
  if (to !== undefined && value(to, f) === undefined) return `"${to}" is out of range for ${f.name} (${f.min}-${f.max})`;
  return undefined;
}

export function checkQuartzCron(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) {
    const unix = parts.length === 5 ? " — this looks like a 5-field Unix cron; Quartz starts with seconds, e.g. \"0 0 6 * * ?\"" : "";
    return `a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]); got ${parts.length}${unix}`;
  }
  for (let i = 0; i < parts.length; i++) {
    const f = FIELDS[i] as Field;
    const p = parts[i] as string;
    if (p === "?" && i !== 3 && i !== 5) return `"?" is only allowed in day-of-month or day-of-week, not in ${f.name}`;
    for (const item of p.split(",")) {
      const problem = checkItem(item, f);
      if (problem) return problem;
    }
  }
  const dom = parts[3] as string;
  const dow = parts[5] as string;
  if ((dom === "?") === (dow === "?")) return 'exactly one of day-of-month and day-of-week must be "?" (e.g. "0 0 6 * * ?" or "0 0 6 ? * MON-FRI")';
  return undefined;
}
