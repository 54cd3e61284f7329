import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../schemas/friendly-error.ts';
import { InvalidContentError } from '../../schemas/validate-dataset.ts';
import { ContentSourceError } from '../../site/lib/content/sources/content-source.ts';

describe('what a failed command prints', () => {
  it('the message alone for a problem the user can fix, also when the build wrapped it', () => {
    const invalid = new InvalidContentError([{ id: 'a1', type: 'article', path: 'slug', reason: 'required' }], 'the export');
    const wrapped = new Error('[LoaderError] The content loader failed', { cause: invalid });
    expect(describeFailure(wrapped)).toBe(invalid.message);
    expect(describeFailure(new ContentSourceError('Cannot read the dataset export: no data.ndjson'))).toBe(
      'Cannot read the dataset export: no data.ndjson',
    );
  });

  it('the whole stack for a bug, even when its message reads like a friendly one', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'slug')");
    const printed = describeFailure(new Error('Render failed', { cause: bug }));
    expect(printed).toMatch(/^Error: Render failed\n\s+at /);
  });
});
