import { defineCliConfig } from 'sanity/cli';
import { readStudioEnv } from './env.ts';

const env = readStudioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_SITE_URL: process.env.SANITY_STUDIO_SITE_URL,
});

export default defineCliConfig({
  api: { projectId: env.projectId, dataset: env.dataset },
  // `sanity deploy` asks for a hostname when none is set here.
  ...(process.env.SANITY_STUDIO_HOSTNAME ? { studioHost: process.env.SANITY_STUDIO_HOSTNAME } : {}),
  typegen: {
    path: '../schemas/queries.ts',
    schema: '../schemas/sanity.schema.json',
    generates: '../schemas/sanity.types.ts',
    overloadClientMethods: false,
  },
});
