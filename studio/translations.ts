import type { PluginCallbackArgs } from '@sanity/document-internationalization';

interface TranslationItem {
  _key: string;
  language?: string;
  [field: string]: unknown;
}

/**
 * The translations of a group keyed by their language, as `docs/content-model.md` ("Languages") stores them:
 * `_key` is the language. `@sanity/document-internationalization` 6 writes the language into a `language`
 * field and gives each item a random `_key`; both are kept, so the plugin still reads the group. `undefined`
 * when nothing needs to change, or when two items share a language (a content error the build names:
 * renaming keys would hide it).
 */
export function keyedByLanguage(translations: readonly TranslationItem[]): TranslationItem[] | undefined {
  const languages = translations.map((item) => item.language ?? item._key);
  if (new Set(languages).size !== languages.length) return undefined;
  if (translations.every((item, index) => item._key === languages[index])) return undefined;
  return translations.map((item, index) => ({ ...item, _key: languages[index] as string }));
}

/** After the plugin creates a translation: key the group's translations by language. */
export async function keyTranslationsByLanguage({
  client,
  metaDocumentId,
}: Pick<PluginCallbackArgs, 'client' | 'metaDocumentId'>): Promise<void> {
  const metadata = await client.fetch<{ _rev: string; translations?: TranslationItem[] } | null>(
    '*[_id == $id][0]{_rev, translations}',
    { id: metaDocumentId },
    { perspective: 'raw' },
  );
  const keyed = metadata?.translations && keyedByLanguage(metadata.translations);
  if (!metadata || !keyed) return;
  try {
    await client.patch(metaDocumentId).ifRevisionId(metadata._rev).set({ translations: keyed }).commit();
  } catch (error) {
    // Someone changed the group meanwhile: leave their version; the next translation keys it.
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
  }
}
