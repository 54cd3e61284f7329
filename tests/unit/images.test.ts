import { afterEach, describe, expect, it } from 'vitest';
import { resolveImage } from '../../site/lib/images.ts';

afterEach(() => {
  delete process.env['SANITY_PROJECT_ID'];
  delete process.env['SANITY_DATASET'];
});

describe('resolving images', () => {
  it('serves an exported image from /media/ with its size from the file name', () => {
    const image = resolveImage({ _sanityAsset: 'image@file://./images/0123abcd-640x480.jpg', alt: 'A garden' });
    expect(image).toEqual({ src: '/media/0123abcd-640x480.jpg', width: 640, height: 480, alt: 'A garden' });
  });

  it('serves a live image from the Sanity CDN with a srcset, scaled to the widest it is shown', () => {
    process.env['SANITY_PROJECT_ID'] = 'abc123';
    process.env['SANITY_DATASET'] = 'production';
    const image = resolveImage({ asset: { _ref: 'image-f00dfeed-2400x1600-jpg' }, alt: 'A group meeting' }, 1200);
    expect(image?.alt).toBe('A group meeting');
    expect(image?.width).toBe(1200);
    expect(image?.height).toBe(800);
    expect(image?.src).toMatch(/^https:\/\/cdn\.sanity\.io\/images\/abc123\/production\/f00dfeed-2400x1600\.jpg\?w=1200&fit=max&auto=format$/);
    const widths = image?.srcset?.split(', ').map((candidate) => candidate.split(' ')[1]);
    expect(widths).toEqual(['320w', '640w', '960w', '1280w', '1920w', '2400w']);
  });

  it('never makes a srcset wider than the original', () => {
    process.env['SANITY_PROJECT_ID'] = 'abc123';
    const image = resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'Portrait' }, 320);
    expect(image?.width).toBe(320);
    expect(image?.srcset).toBe(
      'https://cdn.sanity.io/images/abc123/production/f00dfeed-500x500.png?w=320&fit=max&auto=format 320w, https://cdn.sanity.io/images/abc123/production/f00dfeed-500x500.png?w=500&fit=max&auto=format 500w',
    );
  });

  it('returns nothing for an image whose file cannot be located', () => {
    expect(resolveImage({ _sanityAsset: 'image@https://example.org/x.jpg', alt: 'x' })).toBeUndefined();
    expect(resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'x' })).toBeUndefined();
  });
});
