import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * A few builders so the response schemas read like the TypeScript shapes they describe. Every
 * property listed is required (the API always writes it, null when empty) unless wrapped in opt().
 */
const OPTIONAL = Symbol('optional');
type Prop = SchemaObject & { [OPTIONAL]?: true };

export const int: SchemaObject = { type: 'integer' };
export const num: SchemaObject = { type: 'number' };
export const str: SchemaObject = { type: 'string' };
export const bool: SchemaObject = { type: 'boolean' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
export const date: SchemaObject = { type: 'string', format: 'date' };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const anyObject: SchemaObject = { type: 'object', additionalProperties: true };

export const nullable = (s: SchemaObject): SchemaObject => ('$ref' in s ? { allOf: [s], nullable: true } : { ...s, nullable: true });
export const arr = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
export const oneOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });
export const opt = (s: SchemaObject): Prop => ({ ...s, [OPTIONAL]: true });
export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` }) as SchemaObject;

export function obj(props: Record<string, Prop>): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  const required: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    const { [OPTIONAL]: optional, ...schema } = v;
    properties[k] = schema;
    if (!optional) required.push(k);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** An object with the given properties plus these (allOf keeps both lists of required names). */
export const extend = (base: string, props: Record<string, Prop>): SchemaObject => ({ allOf: [ref(base), obj(props)] });

export const items = (item: SchemaObject): SchemaObject => obj({ items: arr(item) });
export const page = (item: SchemaObject): SchemaObject => obj({ items: arr(item), nextCursor: nullable(int) });
