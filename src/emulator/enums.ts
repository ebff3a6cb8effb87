// Enum fields whose unknown values the Jobs API accepts and drops: the write answers 200 and jobs/get
// no longer has the field (issue #12, difference 2: `performance_target: STANDART`). Fields not listed
// here keep whatever is sent; other enums may be refused instead, which is unverified.
import type { Json } from "./state.js";

interface DroppedEnum {
  field: string;
  values: readonly string[];
  source: string;
}

const DROPPED_ENUMS: readonly DroppedEnum[] = [
  { field: "performance_target", values: ["PERFORMANCE_OPTIMIZED", "STANDARD"], source: "recorded (issue #12); values from sdk-go jobs PerformanceTarget" },
  { field: "edit_mode", values: ["UI_LOCKED", "EDITABLE"], source: "unverified: assumed to behave like performance_target" },
];

/** Removes top-level enum values the service does not know, in place. */
export function dropUnknownEnums(settings: Json): void {
  for (const e of DROPPED_ENUMS) {
    const v = settings[e.field];
    if (v !== undefined && !(typeof v === "string" && e.values.includes(v))) delete settings[e.field];
  }
}
