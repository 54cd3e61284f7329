/**
 * When the Studio reads the site's `/build.json` again to tell an editor whether a published document is on
 * the site yet (`studio/site-status.ts`): at once on publishing, every 5 s for two minutes, then ever longer
 * apart while the document waits, and not at all once nothing waits. Time is the hand clock's.
 */
import { describe, expect, it } from 'vitest';
import { keepsReading, type SiteState, siteStatusOf, siteStore } from '../../studio/site-status.ts';
import { handClock } from '../support/hand-clock.ts';

const start = '2026-12-01T10:00:00Z';
const built = (contentUpdatedAt: string): SiteState => ({ kind: 'built', info: { builtAt: contentUpdatedAt, contentUpdatedAt } });

/** A store whose reads answer `answer()` and are noted, in seconds since `start`. */
function watched(answer: () => SiteState) {
  const clock = handClock(start);
  const reads: number[] = [];
  const store = siteStore(async () => {
    reads.push((clock.now() - Date.parse(start)) / 1000);
    return answer();
  }, clock);
  return { clock, reads, store };
}

describe('rereading the site’s build information', () => {
  it('reads at once when a document waits, every 5 s for two minutes, then 5 s, 10 s, 20 s, 40 s apart, then every minute', async () => {
    const { clock, reads, store } = watched(() => built('2026-12-01T09:00:00Z'));
    const release = store.hold();
    await clock.advance(6 * 60_000);
    const everyFiveSeconds = Array.from({ length: 25 }, (_, i) => i * 5);
    expect(reads).toEqual([...everyFiveSeconds, 125, 135, 155, 195, 255, 315]);
    expect(store.get()).toEqual(built('2026-12-01T09:00:00Z'));
    release();
    await clock.advance(0);
    expect(clock.sleeping).toBe(0);
  });

  it('stops, with no timer left, when nothing waits, and reads at once when a document is published again', async () => {
    const { clock, reads, store } = watched(() => built('2026-12-01T09:00:00Z'));
    const badge = store.hold();
    const action = store.hold();
    await clock.advance(20_000);
    badge();
    await clock.advance(20_000);
    // One loop for both: the second hold finds a read under way.
    expect(reads).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    action();
    await clock.advance(0);
    expect(clock.sleeping).toBe(0);
    await clock.advance(3600_000);
    expect(reads).toHaveLength(9);

    const published = store.hold();
    await clock.advance(6_000);
    expect(reads.slice(9)).toEqual([3640, 3645]);
    published();
  });

  it('backs off to every 5 minutes while the site cannot be read', async () => {
    const { clock, reads, store } = watched(() => ({ kind: 'unreachable', reason: 'Failed to fetch' }));
    const release = store.hold();
    await clock.advance(21 * 60_000);
    expect(reads).toEqual([0, 5, 15, 35, 75, 155, 315, 615, 915, 1215]);
    release();
  });

  it('tells each subscriber what it read', async () => {
    const { clock, store } = watched(() => built('2026-12-01T09:30:00Z'));
    const seen: SiteState[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.get()));
    expect(store.get()).toEqual({ kind: 'loading' });
    const release = store.hold();
    await clock.advance(0);
    expect(seen).toEqual([built('2026-12-01T09:30:00Z')]);
    release();
    unsubscribe();
  });

  it('keeps reading while a published document waits or the site is unknown, never once it is on the site', () => {
    const now = new Date(start);
    const published = { updatedAt: '2026-12-01T09:45:00Z' };
    expect(keepsReading(siteStatusOf(published, { kind: 'loading' }, now))).toBe(true);
    expect(keepsReading(siteStatusOf(published, built('2026-12-01T09:00:00Z'), now))).toBe(true);
    expect(keepsReading(siteStatusOf(published, { kind: 'unreachable', reason: 'x' }, now))).toBe(true);
    expect(keepsReading(siteStatusOf(published, built('2026-12-01T09:50:00Z'), now))).toBe(false);
    expect(keepsReading(siteStatusOf(null, built('2026-12-01T09:50:00Z'), now))).toBe(false);
  });
});

describe('whether a published document is on the site', () => {
  const builtAt = '2026-12-02T19:49:56.207Z';
  const site = { kind: 'built', info: { builtAt, contentUpdatedAt: '2026-12-02T19:49:39Z' } } as const;
  const now = new Date('2026-12-02T20:00:00Z');

  it('is on the site once the build read that version or a later one', () => {
    expect(siteStatusOf({ updatedAt: '2026-12-02T19:49:39Z' }, site, now)).toEqual({ kind: 'on-site', builtAt });
    expect(siteStatusOf({ updatedAt: '2026-12-02T19:40:00Z' }, site, now)).toEqual({ kind: 'on-site', builtAt });
  });

  it('is waiting for the site when the version is newer than the build', () => {
    expect(siteStatusOf({ updatedAt: '2026-12-02T19:49:40Z' }, site, now)).toEqual({ kind: 'waiting', builtAt });
  });

  it('says nothing of an unpublished document or a scheduled article', () => {
    expect(siteStatusOf(undefined, site, now)).toBeUndefined();
    expect(siteStatusOf({ updatedAt: '2026-12-02T19:49:39Z', publishedAt: '2026-12-09T19:00:00Z' }, site, now)).toBeUndefined();
  });
});
