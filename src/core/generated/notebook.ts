/* eslint-disable */
/**
 * GENERATED from schemas/notebook.schema.json by scripts/gen-types.mjs. Do not edit by hand:
 * change the schema and run `npm run gen:types`.
 */

/**
 * notebooks/<name>.yaml: a notebook that jobform submit runs once, with typed parameters.
 */
export interface NotebookDefinition {
  /**
   * Absolute workspace path of the notebook; it also identifies the definition.
   */
  notebook_path: string;
  /**
   * Name of a platform in jobform.yaml; --platform overrides it.
   */
  platform?: string;
  /**
   * Name of the run shown in Databricks (defaults to the definition's name).
   */
  run_name?: string;
  /**
   * Run time limit; 0 means none. Overrides the platform's.
   */
  timeout_seconds?: number;
  /**
   * What the notebook does.
   */
  description?: string;
  /**
   * The notebook's widgets, typed. Names are unique.
   */
  parameters?: NotebookParameter[];
}
/**
 * One notebook widget: its type checks values before submit; every value is sent as a string.
 *
 * This interface was referenced by `NotebookDefinition`'s JSON-Schema
 * via the `definition` "NotebookParameter".
 */
export interface NotebookParameter {
  /**
   * Widget name as the notebook reads it.
   */
  name: string;
  /**
   * Value type checked before submit; sent as true/false, canonical numbers, ISO-8601 dates, or compact JSON.
   */
  type?: "string" | "int" | "float" | "bool" | "date" | "datetime" | "json";
  /**
   * input and input_output are sent as base_parameters; output is only documented (notebooks cannot return named outputs).
   */
  direction?: "input" | "input_output" | "output";
  /**
   * Value used when --param does not give one; null means the parameter must be given.
   */
  default?: string | number | boolean | null;
  /**
   * What the parameter means.
   */
  description?: string;
  /**
   * Allowed values (dropdown / multiselect widgets).
   */
  choices?: (string | number | boolean)[];
}
