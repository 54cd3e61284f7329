import { describe, expect, it } from 'vitest';
import { formatDate, isoDate } from '../../site/lib/dates.ts';

describe('dates on the site', () => {
  it('name the same New York day in the text, in <time datetime> and in the search sort key', () => {
    // 02:00 UTC on March 1 is still February 28 in Boston.
    expect(formatDate('2026-03-01T02:00:00Z')).toBe('February 28, 2026');
    expect(isoDate('2026-03-01T02:00:00Z')).toBe('2026-02-28');
    expect(formatDate('2026-07-04T03:59:00Z')).toBe('July 3, 2026');
    expect(isoDate('2026-07-04T03:59:00Z')).toBe('2026-07-03');
    expect(isoDate('2026-07-04T04:00:00Z')).toBe('2026-07-04');
  });

  it('keep a date without a time as that day', () => {
    expect(formatDate('2026-03-15')).toBe('March 15, 2026');
    expect(isoDate('2026-03-15')).toBe('2026-03-15');
  });
});

describe('dates on Spanish pages', () => {
  it('are written the way Spanish speakers in the United States write them', () => {
    expect(formatDate('2023-06-01', 'es')).toBe('1 de junio de 2023');
    expect(formatDate('2026-03-01T02:00:00Z', 'es')).toBe('28 de febrero de 2026');
  });
});
