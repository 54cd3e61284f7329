/** Whether the Studio says a published document is on the site, against the site's `/build.json`. */
import { expect, test } from 'vitest';
import { siteStatusOf } from '../../studio/site-status.ts';

const builtAt = '2026-12-02T19:49:56.207Z';
const site = { kind: 'built', info: { builtAt, contentUpdatedAt: '2026-12-02T19:49:39Z' } } as const;
const now = new Date('2026-12-02T20:00:00Z');

test('a version the build read is on the site, also as the Studio holds it just after publishing (the listener event time)', () => {
  // The Content Lake stores whole seconds; the Studio's copy after a listener event has the event's finer time.
  expect(siteStatusOf({ _updatedAt: '2026-12-02T19:49:39Z' }, site, now)).toEqual({ kind: 'on-site', builtAt });
  expect(siteStatusOf({ _updatedAt: '2026-12-02T19:49:39.512Z' }, site, now)).toEqual({ kind: 'on-site', builtAt });
});

test('a version newer than the build is waiting for the site', () => {
  expect(siteStatusOf({ _updatedAt: '2026-12-02T19:49:40.001Z' }, site, now)).toEqual({ kind: 'waiting', builtAt });
});

test('nothing is said of an unpublished document or a scheduled article', () => {
  expect(siteStatusOf(undefined, site, now)).toBeUndefined();
  expect(siteStatusOf({ _updatedAt: '2026-12-02T19:49:39Z', publishedAt: '2026-12-09T19:00:00Z' }, site, now)).toBeUndefined();
});
