import type * as z from 'zod';
import type { ReferenceMeta } from './common.ts';

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  schema?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/**
 * The document types a field may reference, read from the `referenceTo` metadata of its schema
 * (through optional, nullable, pipe and array wrappers), or `undefined` when it is no reference.
 */
export function referenceTargetsOf(schema: z.ZodType): readonly string[] | undefined {
  const meta = schema.meta() as Partial<ReferenceMeta> | undefined;
  if (meta?.referenceTo) return meta.referenceTo;
  const def = defOf(schema);
  const inner = def.innerType ?? def.element ?? def.out ?? def.schema;
  if (def.type === 'pipe' && def.in) {
    return referenceTargetsOf(def.in) ?? (def.out ? referenceTargetsOf(def.out) : undefined);
  }
  return inner ? referenceTargetsOf(inner) : undefined;
}

/** Whether a field's schema holds a list (through optional, nullable and pipe wrappers). */
export function isArraySchema(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'array') return true;
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined) ?? def.schema;
  return inner ? isArraySchema(inner) : false;
}

/** Whether a field must be present: its schema rejects `undefined`. */
export function isRequiredSchema(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}
