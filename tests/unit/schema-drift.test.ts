/**
 * What `tsc` cannot see in the generated types: the document types each reference field may point to
 * (Studio `to`, zod `referenceTo`), and that the Studio schema compiles. Field names, required fields
 * and kinds are checked by `tsc` (`SchemaParity` in `schemas/zod/index.ts`).
 */
import { createSchema } from 'sanity';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { documentTypes } from '../../schemas/rules.ts';
import { schemaTypes } from '../../schemas/sanity/index.ts';
import { documentSchemas, referenceTargetsOf } from '../../schemas/zod/index.ts';

interface CompiledField {
  name: string;
  type: {
    name: string;
    to?: { name: string }[];
    of?: { name: string; to?: { name: string }[] }[];
  };
}

const compiled = createSchema({ name: 'default', types: schemaTypes });

function sanityFields(type: string): CompiledField[] {
  return (compiled.get(type) as unknown as { fields: CompiledField[] }).fields;
}

function sanityTargets(field: CompiledField): string[] | undefined {
  const direct = field.type.to?.map((target) => target.name);
  const inArray = field.type.of?.flatMap((member) => member.to?.map((target) => target.name) ?? []);
  const targets = direct ?? (inArray && inArray.length > 0 ? inArray : undefined);
  return targets?.sort();
}

describe('the Sanity schema types and the zod schemas reference the same document types', () => {
  for (const type of documentTypes) {
    describe(type, () => {
      const fields = sanityFields(type);
      const shape = documentSchemas[type].shape as Record<string, z.ZodType>;

      it('references the same document types', () => {
        for (const field of fields) {
          const zodTargets = referenceTargetsOf(shape[field.name] as z.ZodType);
          expect({ field: field.name, targets: zodTargets ? [...zodTargets].sort() : undefined }).toEqual({
            field: field.name,
            targets: field.type.name === 'portableText' ? undefined : sanityTargets(field),
          });
        }
      });
    });
  }

  it('compiles without errors', () => {
    const problems = (compiled as unknown as { _validation?: { problems: { severity: string }[] }[] })._validation ?? [];
    expect(problems.flatMap((group) => group.problems).filter((problem) => problem.severity === 'error')).toEqual([]);
  });
});
