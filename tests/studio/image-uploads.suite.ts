import { describe, expect, it } from 'vitest';
import { schemaTypes } from '../../schemas/sanity/index.ts';

type Field = { name: string; type: string; options?: { accept?: string }; of?: Field[]; fields?: Field[] };

/** Every image field of the Studio schema, with its path. */
function imageFields(fields: readonly Field[], path: string): { path: string; accept: string | undefined }[] {
  return fields.flatMap((field) => {
    const here = `${path}.${field.name ?? field.type}`;
    const own = field.type === 'image' ? [{ path: here, accept: field.options?.accept }] : [];
    return [...own, ...imageFields(field.of ?? [], here), ...(field.type === 'image' ? [] : imageFields(field.fields ?? [], here))];
  });
}

describe('image uploads in the Studio', () => {
  it('accept raster formats only: no SVG, which could carry a script', () => {
    const found = (schemaTypes as unknown as { name: string; fields?: Field[]; of?: Field[] }[]).flatMap((type) =>
      imageFields([...(type.fields ?? []), ...(type.of ?? [])], type.name),
    );
    expect(found.map((field) => field.path).sort()).toEqual(['article.mainImage', 'portableText.image', 'staffMember.photo']);
    for (const field of found) expect(field.accept, field.path).toBe('image/png,image/jpeg,image/webp,image/avif,image/gif');
  });
});
