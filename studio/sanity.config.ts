import { visionTool } from '@sanity/vision';
import { type DocumentActionComponent, defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { schemaTypes, singletonTypes } from '../schemas/sanity/index.ts';
import { OpenOnSiteAction } from './actions/open-on-site.ts';
import { studioSettings } from './settings.ts';
import { hasPage } from './site-url.ts';
import { structure } from './structure/index.ts';

/** The API version of the Vision tool's queries: the one the site's build pins (`site/lib/content/env.ts`). */
const apiVersion = '2025-02-19';

/** What an editor may do to a singleton: edit and publish, never create another, duplicate or remove it. */
const singletonActions = new Set(['publish', 'discardChanges', 'restore']);

function documentActions(previous: DocumentActionComponent[], schemaType: string): DocumentActionComponent[] {
  if (singletonTypes.has(schemaType)) {
    return previous.filter((action) => action.action !== undefined && singletonActions.has(action.action));
  }
  return hasPage(schemaType) ? [...previous, OpenOnSiteAction] : previous;
}

export default defineConfig({
  name: 'default',
  title: 'Massachusetts Center for Addiction',
  projectId: studioSettings.projectId,
  dataset: studioSettings.dataset,
  plugins: [structureTool({ structure }), visionTool({ defaultApiVersion: apiVersion })],
  schema: {
    types: schemaTypes,
    // Singletons are opened from the structure, never created from a template.
    templates: (templates) => templates.filter((template) => !singletonTypes.has(template.schemaType)),
  },
  document: {
    actions: (previous, context) => documentActions(previous, context.schemaType),
    newDocumentOptions: (previous) => previous.filter((item) => !singletonTypes.has(item.templateId)),
  },
});
