// The real service answers errors as {error_code, message}; handlers throw ApiFailure and the router
// turns it into that body, so every handler reports failures the same way.
import type { EmuResponse } from "./types.js";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

export function failureResponse(f: ApiFailure): EmuResponse {
  const res: EmuResponse = { status: f.status, body: { error_code: f.errorCode, message: f.message } };
  if (f.headers) res.headers = f.headers;
  return res;
}

/** 400 INVALID_PARAMETER_VALUE, the code the Jobs API uses for nearly every bad request (API-NOTES §8.3). */
export function invalid(message: string): ApiFailure {
  return new ApiFailure(400, "INVALID_PARAMETER_VALUE", message);
}

export function missingField(name: string): ApiFailure {
  return invalid(`Missing required field: ${name}`);
}

/** Unknown job ids answer 400, not 404, on the Jobs API (API-NOTES §4 jobs/get; every SDK re-labels it). */
export function jobNotFound(id: string): ApiFailure {
  return invalid(`Job ${id} does not exist.`);
}

export function pathNotFound(path: string): ApiFailure {
  return new ApiFailure(404, "RESOURCE_DOES_NOT_EXIST", `Path (${path}) doesn't exist.`);
}

export function permissionDenied(message: string): ApiFailure {
  return new ApiFailure(403, "PERMISSION_DENIED", message);
}
