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

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The values a field's plain items (numbers, names, ranges, steps) name; undefined when it uses anything else. */
function values(part: string, f: Field): Set<number> | undefined {
  const out = new Set<number>();
  for (const item of part.split(",")) {
    const [range, stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number | undefined;
    let to: number | undefined;
    if (range === "*") [from, to] = [f.min, f.max];
    else {
      const [a, b] = (range ?? "").split("-");
      from = a === undefined ? undefined : value(a, f);
      to = b === undefined ? (stepText === undefined ? from : f.max) : value(b, f);
    }
    if (from === undefined || to === undefined || !(step > 0)) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/**
 * A valid expression whose days of the month exist in none of its months (`0 0 6 30 2 ?`, 30 February):
 * Databricks accepts it and the job never runs. Returns a message, or undefined when some day can fire.
 */
export function quartzNeverFires(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  const days = values(parts[3] ?? "", FIELDS[3] as Field);
  const months = values(parts[4] ?? "", FIELDS[4] as Field);
  if (!days || !months || days.size === 0 || months.size === 0) return undefined;
  for (const m of months) for (const d of days) if (d <= (DAYS_IN_MONTH[m - 1] as number)) return undefined;
  const named = [...months].map((m) => MONTHS[m - 1]).join(", ");
  return `day ${[...days].join(", ")} of ${named} never occurs: this schedule never fires`;
}
