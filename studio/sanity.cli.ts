import { defineCliConfig } from 'sanity/cli';
import { studioSettings } from './settings.ts';

export default defineCliConfig({
  api: { projectId: studioSettings.projectId, dataset: studioSettings.dataset },
  // `sanity deploy` asks for a hostname when none is set here.
  ...(process.env.SANITY_STUDIO_HOSTNAME ? { studioHost: process.env.SANITY_STUDIO_HOSTNAME } : {}),
  typegen: {
    path: '../schemas/queries.ts',
    schema: '../schemas/sanity.schema.json',
    generates: '../schemas/sanity.types.ts',
    overloadClientMethods: false,
  },
});
