/**
 * Studio validation and the build agree: on every corpus document, the Studio's rules (run in Node as
 * `sanity documents validate` runs them, with the levels editors see in the Studio; see
 * `studio-helpers.suite.ts` for why) report an error exactly when `validateDataset` (the zod schemas the
 * build uses) reports a problem, and both name the same field.
 */
import { describe, expect, test } from 'vitest';
import { documentTypes } from '../../schemas/rules.ts';
import { type ContentProblem, InvalidContentError, type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { baseDocuments, type Doc, invalidCases, validCases } from './corpus/index.ts';
import { type StudioMarker, validateWithStudio } from './support/studio-validation.ts';

/** The base documents with `document` added, replacing a base document with the same `_id`. */
function datasetWith(document: Doc): Doc[] {
  return [...baseDocuments.filter((doc) => doc._id !== document._id), document];
}

function rawDataset(documents: readonly Doc[]): RawDataset {
  const raw = Object.fromEntries(documentTypes.map((type) => [type, [] as Doc[]])) as Record<string, Doc[]>;
  for (const doc of documents) raw[doc._type]?.push(doc);
  return raw as unknown as RawDataset;
}

/** The problems the build reports for `id` when it reads `documents`. */
function buildProblems(documents: readonly Doc[], id: string): ContentProblem[] {
  try {
    validateDataset(rawDataset(documents), 'the corpus');
    return [];
  } catch (error) {
    if (!(error instanceof InvalidContentError)) throw error;
    return error.problems.filter((problem) => problem.id === id);
  }
}

async function studioMarkers(documents: readonly Doc[], document: Doc): Promise<StudioMarker[]> {
  const results = await validateWithStudio([document], documents);
  return results.get(document._id) ?? [];
}

const paths = (items: readonly { path: string }[]) => [...new Set(items.map((item) => item.path))].sort();

/** Whether one of `found` is `path` or lies inside it (`body[0].asset` is inside `body[0]`). */
const reportsAt = (found: readonly string[], path: string) =>
  found.some((item) => item === path || item.startsWith(`${path}.`) || item.startsWith(`${path}[`));

test('the corpus breaks at least 15 rules, one case each', () => {
  expect(invalidCases.length).toBeGreaterThanOrEqual(15);
  expect(new Set(invalidCases.map((c) => c.name)).size).toBe(invalidCases.length);
});

test('the base documents are valid for the Studio and the build', async () => {
  expect(buildProblems(baseDocuments, '*')).toEqual([]);
  const contentDocs = baseDocuments.filter((doc) => !doc._type.startsWith('sanity.'));
  const results = await validateWithStudio(contentDocs, baseDocuments);
  for (const doc of contentDocs) expect(results.get(doc._id), doc._id).toEqual([]);
});

describe('valid documents pass both; the Studio only warns where editors benefit', () => {
  test.each(validCases.map((c) => [c.name, c] as const))('%s', async (_name, { document, warningsAt = [] }) => {
    const dataset = datasetWith(document);
    const markers = await studioMarkers(dataset, document);
    expect(markers.filter((marker) => marker.level === 'error')).toEqual([]);
    expect(paths(markers.filter((marker) => marker.level === 'warning'))).toEqual([...warningsAt].sort());
    expect(buildProblems(dataset, document._id)).toEqual([]);
  });
});

describe('invalid documents fail both, at the same field', () => {
  test.each(invalidCases.map((c) => [c.name, c] as const))('%s', async (_name, { document, errorAt }) => {
    const dataset = datasetWith(document);
    const studioErrors = (await studioMarkers(dataset, document)).filter((marker) => marker.level === 'error');
    const problems = buildProblems(dataset, document._id);
    expect(reportsAt(paths(studioErrors), errorAt), `Studio errors at ${errorAt}: ${JSON.stringify(studioErrors)}`).toBe(true);
    expect(reportsAt(paths(problems), errorAt), `build problems at ${errorAt}: ${JSON.stringify(problems)}`).toBe(true);
  });
});
