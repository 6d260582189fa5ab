/** Types of the generated standalone validator (build-validator.mjs writes the module). */
export interface ComposeSchemaError {
  /** JSON Pointer of the value that failed, e.g. "/services/grafana/ports/0". */
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface ComposeValidateFunction {
  (data: unknown): boolean;
  errors?: ComposeSchemaError[] | null;
}
export declare const validate: ComposeValidateFunction;
declare const _default: ComposeValidateFunction;
export default _default;
