/** The sample dataset passes the Studio's validation, as it would after `npm run content:import`. */
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { asImported, readSampleDataset, sampleDatasetFolder } from './support/sample-dataset.ts';
import { validateWithStudio } from './support/studio-validation.ts';

const exported = readSampleDataset();

test('every image the sample dataset uses is in its images folder', () => {
  const files = JSON.stringify(exported).match(/image@file:\/\/\.\/images\/[^"]+/g) ?? [];
  expect(files.length).toBeGreaterThan(0);
  for (const file of new Set(files)) {
    expect(existsSync(`${sampleDatasetFolder}${file.replace('image@file://./', '')}`), file).toBe(true);
  }
});

test('every sample document passes the Studio validation without errors', async () => {
  const { documents, assets } = asImported(exported);
  const results = await validateWithStudio(documents, [...documents, ...assets]);
  const errors = [...results].flatMap(([id, markers]) =>
    markers.filter((marker) => marker.level === 'error').map((marker) => `${id} (${marker.path}): ${marker.message}`),
  );
  expect(errors).toEqual([]);
  expect(results.size).toBe(exported.length);
  expect(new Set(documents.map((doc) => doc._type))).toEqual(
    new Set(['article', 'staffMember', 'topic', 'contactDetails', 'searchSettings', 'languageAssistance', 'translation.metadata']),
  );
});
