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
