// Types of the generated validator (see scripts/gen-schema-validator.mjs).
import type { ErrorObject } from 'ajv';

export interface SchemaValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export declare const validate: SchemaValidateFunction;
export default validate;
