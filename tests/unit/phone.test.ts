import { describe, expect, it } from 'vitest';
import { telHref } from '../../site/lib/phone.ts';

describe('tap-to-call links', () => {
  it('keep the extension', () => {
    expect(telHref('(617) 555-0142 ext. 3')).toBe('tel:+16175550142;ext=3');
    expect(telHref('617-555-0142 x12')).toBe('tel:+16175550142;ext=12');
  });

  it('write US numbers with their country code, and keep other countries’ codes', () => {
    expect(telHref('(617) 555-0142')).toBe('tel:+16175550142');
    expect(telHref('1-800-662-4357')).toBe('tel:+18006624357');
    expect(telHref('+44 20 7946 0958')).toBe('tel:+442079460958');
  });

  it('call short codes as dialled, and make no link from text without digits', () => {
    expect(telHref('988')).toBe('tel:988');
    expect(telHref('ask at the desk')).toBeUndefined();
  });
});
