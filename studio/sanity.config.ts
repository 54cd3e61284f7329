import { visionTool } from '@sanity/vision';
import { type CurrentUser, type DocumentActionComponent, defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { schemaTypes, singletonTypes } from '../schemas/sanity/index.ts';
import { OpenOnSiteAction } from './actions/open-on-site.ts';
import { recordPreviousSlugs } from './actions/previous-slugs.ts';
import { ScheduledBadge } from './badges/scheduled-badge.ts';
import { DocumentNotices } from './components/article-notices.ts';
import { RequiredFieldMarker } from './components/required-field.ts';
import { draftPreview } from './presentation.ts';
import { studioSettings } from './settings.ts';
import { hasPage } from './site-url.ts';
import { structure } from './structure/index.ts';
import { defaultApiVersion } from '../schemas/settings.ts';


/** What an editor may do to a singleton: edit and publish, never create another, duplicate or remove it. */
const singletonActions = new Set(['publish', 'discardChanges', 'restore']);

function documentActions(previous: DocumentActionComponent[], schemaType: string): DocumentActionComponent[] {
  if (singletonTypes.has(schemaType)) {
    return previous.filter((action) => action.action !== undefined && singletonActions.has(action.action));
  }
  const actions = schemaType === 'article' ? previous.map((action) => (action.action === 'publish' ? recordPreviousSlugs(action) : action)) : previous;
  return hasPage(schemaType) ? [...actions, OpenOnSiteAction] : actions;
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
    badges: (previous, context) => (context.schemaType === 'article' ? [...previous, ScheduledBadge] : previous),
    newDocumentOptions: (previous) => previous.filter((item) => !singletonTypes.has(item.templateId)),
  },
});
