/**
 * What `tsc` cannot see in the generated types: the document types each reference field may point to
 * (Studio `to`, zod `referenceTo`), that the Studio schema compiles, and that the schema the types are
 * generated from is the Studio's. Field names, required fields and kinds are checked by `tsc`
 * (`SchemaParity` in `schemas/zod/index.ts`).
 */
import { readFileSync } from 'node:fs';
import { extractSchema } from '@sanity/schema/_internal';
import { createSchema } from 'sanity';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { translationMetadataType } from '../../schemas/languages.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { schemaTypes } from '../../schemas/sanity/index.ts';
import { documentSchemas, referenceTargetsOf } from '../../schemas/zod/index.ts';
import { loadStudioWorkspace } from './support/studio-validation.ts';

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

function zodShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current: z.ZodType = schema;
  for (;;) {
    const def = (current as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType } } })._zod
      .def;
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    const next = def.innerType ?? def.out ?? def.in;
    if (!next) throw new Error(`no object schema inside ${def.type}`);
    current = def.type === 'pipe' && def.in && !(def.out instanceof z.ZodObject) ? def.in : next;
  }
}

describe('the Sanity schema types and the zod schemas reference the same document types', () => {
  // `translation.metadata` is the translation plugin's own type, registered by the plugin, not by us.
  for (const type of documentTypes.filter((name) => name !== translationMetadataType)) {
    describe(type, () => {
      const fields = sanityFields(type);
      const shape = zodShape(documentSchemas[type]);

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

// `tsc` checks the zod schemas against the generated types, which says something only while they are what
// `npm run typegen` makes of the Studio: its first step (`sanity schema extract --enforce-required-fields`)
// resolves the workspace and runs this same extraction, in a Vite server the CLI starts for it (about 13 s of
// CPU). `tests/studio/typegen.test.ts` runs its second step, the types from the queries and this schema.
it('schemas/sanity.schema.json is what `npm run typegen` extracts from the Studio (else run it and commit the result)', async () => {
  const extracted = extractSchema((await loadStudioWorkspace()).schema, { enforceRequiredFields: true });
  expect(JSON.parse(JSON.stringify(extracted))).toEqual(
    JSON.parse(readFileSync(new URL('../../schemas/sanity.schema.json', import.meta.url), 'utf8')),
  );
});
