import { createSchema } from 'sanity';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { translationMetadataType } from '../../schemas/languages.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { schemaTypes } from '../../schemas/sanity/index.ts';
import { documentSchemas, isRequiredSchema, referenceTargetsOf } from '../../schemas/zod/index.ts';

/** Fields every document has that Sanity manages itself and the zod schemas read. */
const systemFields = new Set(['_id', '_type', '_updatedAt']);

interface CompiledField {
  name: string;
  type: {
    name: string;
    to?: { name: string }[];
    of?: { name: string; to?: { name: string }[] }[];
    fields?: CompiledField[];
    validation?: { _required?: string }[];
  };
}

const compiled = createSchema({ name: 'default', types: schemaTypes });

function sanityFields(type: string): CompiledField[] {
  return (compiled.get(type) as unknown as { fields: CompiledField[] }).fields;
}

function sanityRequired(field: CompiledField): boolean {
  return (field.type.validation ?? []).some((rule) => rule._required === 'required');
}

function sanityTargets(field: CompiledField): string[] | undefined {
  const direct = field.type.to?.map((target) => target.name);
  const inArray = field.type.of?.flatMap((member) => member.to?.map((target) => target.name) ?? []);
  const targets = direct ?? (inArray && inArray.length > 0 ? inArray : undefined);
  return targets?.sort();
}

function zodShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current: z.ZodType = schema;
  for (;;) {
    const def = (current as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType } } })._zod.def;
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    const next = def.innerType ?? def.out ?? def.in;
    if (!next) throw new Error(`no object schema inside ${def.type}`);
    current = def.type === 'pipe' && def.in && !(def.out instanceof z.ZodObject) ? def.in : next;
  }
}

describe('the Sanity schema types and the zod schemas describe the same content model', () => {
  // `translation.metadata` is the translation plugin's own type, registered by the plugin, not by us.
  for (const type of documentTypes.filter((name) => name !== translationMetadataType)) {
    describe(type, () => {
      const fields = sanityFields(type);
      const shape = documentSchemas[type].shape as Record<string, z.ZodType>;

      it('has the same field names', () => {
        const zodNames = Object.keys(shape).filter((name) => !systemFields.has(name)).sort();
        expect(fields.map((field) => field.name).sort()).toEqual(zodNames);
      });

      it('requires the same fields', () => {
        for (const field of fields) {
          const schema = shape[field.name];
          expect(schema, field.name).toBeDefined();
          expect({ field: field.name, required: isRequiredSchema(schema as z.ZodType) }).toEqual({
            field: field.name,
            required: sanityRequired(field),
          });
        }
      });

      it('references the same document types', () => {
        for (const field of fields) {
          const zodTargets = referenceTargetsOf(shape[field.name] as z.ZodType);
          expect({ field: field.name, targets: zodTargets ? [...zodTargets].sort() : undefined }).toEqual({
            field: field.name,
            targets: field.type.name === 'portableText' ? undefined : sanityTargets(field),
          });
        }
      });

      it('has the same fields and required fields inside its objects', () => {
        for (const field of fields.filter((f) => ['address', 'seo'].includes(f.type.name))) {
          const inner = zodShape(shape[field.name] as z.ZodType);
          const subfields = field.type.fields ?? [];
          expect(subfields.map((f) => f.name).sort()).toEqual(Object.keys(inner).sort());
          for (const sub of subfields) {
            expect({ field: `${field.name}.${sub.name}`, required: isRequiredSchema(inner[sub.name] as z.ZodType) }).toEqual({
              field: `${field.name}.${sub.name}`,
              required: sanityRequired(sub),
            });
          }
        }
      });
    });
  }

  it('compiles without errors', () => {
    const problems = (compiled as unknown as { _validation?: { problems: { severity: string }[] }[] })._validation ?? [];
    expect(problems.flatMap((group) => group.problems).filter((problem) => problem.severity === 'error')).toEqual([]);
  });
});
