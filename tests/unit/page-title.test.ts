import { describe, expect, it } from 'vitest';
import { documentTitle } from '../../site/lib/page-title.ts';

describe('tab titles', () => {
  const centre = 'Massachusetts Center for Addiction';

  it('name the centre once', () => {
    expect(documentTitle('Our staff', centre)).toBe('Our staff | Massachusetts Center for Addiction');
    expect(documentTitle('Addiction Treatment Costs and Insurance Questions | MCA', centre)).toBe(
      'Addiction Treatment Costs and Insurance Questions | MCA',
    );
    expect(documentTitle(`${centre}: addiction treatment and recovery support`, centre)).toBe(
      `${centre}: addiction treatment and recovery support`,
    );
  });

  it('do not take letters inside a word for the centre’s initials', () => {
    expect(documentTitle('MCAT preparation and stress', centre)).toBe('MCAT preparation and stress | Massachusetts Center for Addiction');
  });
});
