import { parseDuration } from "../lib/duration.js";
import { UserError } from "./errors.js";

/**
 * A duration read from an environment variable ("5s", "2m", "1h30m"; a bare number is seconds), or undefined
 * when the variable is unset or empty; anything else is a one-line error naming the variable.
 */
export function envDuration(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UserError(`${name}=${text} is not a duration (e.g. 30s, 2m)`);
  return ms;
}

/**
 * The client's retry options from the environment: JOBFORM_RETRY_BUDGET caps how long one call may spend
 * retrying (throttling, 503s, resets) before the command fails; the default is the official SDKs' 5 minutes.
 */
export function retryFromEnv(env: Readonly<Record<string, string | undefined>>): { deadlineMs?: number } {
  const deadlineMs = envDuration(env, "JOBFORM_RETRY_BUDGET");
  return deadlineMs === undefined ? {} : { deadlineMs };
}
