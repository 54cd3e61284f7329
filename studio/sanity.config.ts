import { documentInternationalization } from '@sanity/document-internationalization';
import { visionTool } from '@sanity/vision';
import { type CurrentUser, type DocumentActionComponent, type DocumentBadgeComponent, defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { documentTypes } from '../schemas/rules.ts';
import { schemaTypes, singletonTypes } from '../schemas/sanity/index.ts';
import { OpenOnSiteAction } from './actions/open-on-site.ts';
import { recordPreviousSlugs } from './actions/previous-slugs.ts';
import { announceScheduled } from './actions/scheduled-publish.ts';
import { LanguageBadge } from './badges/language-badge.ts';
import { ScheduledBadge } from './badges/scheduled-badge.ts';
import { SiteStatusBadge } from './badges/site-status-badge.ts';
import { DocumentNotices } from './components/article-notices.ts';
import { RequiredFieldMarker } from './components/required-field.ts';
import { draftPreview } from './presentation.ts';
import { studioSettings } from './settings.ts';
import { hasPage } from './site-url.ts';
import { structure } from './structure/index.ts';
import { keyTranslationsByLanguage } from './translations.ts';
import { languages, translatableTypes, translationMetadataType } from '../schemas/languages.ts';
import { defaultApiVersion } from '../schemas/settings.ts';

/** The types the site is built from: their documents say whether the site shows them yet. */
const siteTypes = new Set<string>(documentTypes.filter((type) => type !== translationMetadataType));

/** What an editor may do to a singleton: edit and publish, never create another, duplicate or remove it. */
const singletonActions = new Set(['publish', 'discardChanges', 'restore']);

function documentActions(previous: DocumentActionComponent[], schemaType: string): DocumentActionComponent[] {
  if (singletonTypes.has(schemaType)) {
    return previous.filter((action) => action.action !== undefined && singletonActions.has(action.action));
  }
  const actions =
    schemaType === 'article'
      ? previous.map((action) => (action.action === 'publish' ? recordPreviousSlugs(announceScheduled(action)) : action))
      : previous;
  return hasPage(schemaType) ? [...actions, OpenOnSiteAction] : actions;
}

const translatable: ReadonlySet<string> = new Set(translatableTypes);

/**
 * The badges beside a document's status: the language of a translatable document (ours, which also
 * names the default language of a document without `language`, in place of the plugin's), and
 * "Scheduled for …" on an article.
 */
function documentBadges(previous: DocumentBadgeComponent[], schemaType: string): DocumentBadgeComponent[] {
  const status = siteTypes.has(schemaType) ? [SiteStatusBadge] : [];
  if (!translatable.has(schemaType)) return [...previous, ...status];
  // The plugin's badge is an anonymous function; Sanity's and ours are named.
  const others = previous.filter((badge) => badge.name !== '');
  return [LanguageBadge, ...others, ...(schemaType === 'article' ? [ScheduledBadge] : []), ...status];
}

/**
 * New documents of a translatable type are created in a language: "English Article", "Español Article"
 * (the plugin's templates). The plain template, which sets no language, and the plugin's parameterised
 * one are left out; so are translation groups, which the Translations menu makes, and singletons.
 */
function isOffered(templateId: string): boolean {
  if (singletonTypes.has(templateId) || translatable.has(templateId) || templateId === translationMetadataType) return false;
  return !templateId.endsWith('-parameterized');
}

/** The developer query tool (Vision) is for administrators; editors never need it. */
export function isAdministrator(user: Pick<CurrentUser, 'roles'> | null | undefined): boolean {
  return user?.roles.some((role) => role.name === 'administrator') ?? false;
}

export default defineConfig({
  name: 'default',
  title: 'Massachusetts Center for Addiction',
  projectId: studioSettings.projectId,
  dataset: studioSettings.dataset,
  plugins: [
    structureTool({ structure }),
    documentInternationalization({
      supportedLanguages: languages.map(({ id, title }) => ({ id, title })),
      schemaTypes: [...translatableTypes],
      languageField: 'language',
      apiVersion: defaultApiVersion,
      callback: keyTranslationsByLanguage,
      // Editors find documents, not the groups that join them.
      metadataOmnisearchVisibility: false,
    }),
    // Draft preview needs the preview server; without its address the Studio has no Presentation tool.
    ...(studioSettings.previewUrl ? [draftPreview(studioSettings.previewUrl)] : []),
    visionTool({ defaultApiVersion }),
  ],
  tools: (previous, { currentUser }) => (isAdministrator(currentUser) ? previous : previous.filter((tool) => tool.name !== 'vision')),
  form: { components: { field: RequiredFieldMarker, input: DocumentNotices } },
  schema: {
    types: schemaTypes,
    // Singletons are opened from the structure, never created from a template.
    templates: (templates) => templates.filter((template) => !singletonTypes.has(template.schemaType)),
  },
  document: {
    actions: (previous, context) => documentActions(previous, context.schemaType),
    badges: (previous, context) => documentBadges(previous, context.schemaType),
    newDocumentOptions: (previous) => previous.filter((item) => isOffered(item.templateId)),
  },
});
