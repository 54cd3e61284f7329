import { visionTool } from '@sanity/vision';
import { type DocumentActionComponent, defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { schemaTypes, singletonTypes } from '../schemas/sanity/index.ts';
import { createOpenOnSiteAction } from './actions/open-on-site.ts';
import { readStudioEnv } from './env.ts';
import { hasPage } from './site-url.ts';
import { structure } from './structure/index.ts';

const env = readStudioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_SITE_URL: process.env.SANITY_STUDIO_SITE_URL,
});

/** The API version of the Vision tool's queries: the one the site's build pins. */
const apiVersion = '2025-02-19';

/** What an editor may do to a singleton: edit and publish, never create another, duplicate or remove it. */
const singletonActions = new Set(['publish', 'discardChanges', 'restore']);

const openOnSite = createOpenOnSiteAction(env.siteUrl);

function documentActions(previous: DocumentActionComponent[], schemaType: string): DocumentActionComponent[] {
  if (singletonTypes.has(schemaType)) {
    return previous.filter((action) => action.action !== undefined && singletonActions.has(action.action));
  }
  return hasPage(schemaType) ? [...previous, openOnSite] : previous;
}

export default defineConfig({
  name: 'default',
  title: 'Massachusetts Center for Addiction',
  projectId: env.projectId,
  dataset: env.dataset,
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
