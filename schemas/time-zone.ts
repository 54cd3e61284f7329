/**
 * The centre's time zone: the one setting behind every date and time the Studio shows or reads from an
 * editor's typing, and every day the site prints. Change it here, then rebuild both the Studio and the site.
 */

/** An IANA time zone name (`docs/operating.md`, "The centre's time zone"). */
export const centreTimeZone = 'America/New_York';

// One formatter for the whole run: creating one loads locale data.
const dateTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: centreTimeZone,
  // "ET", not "EST"/"EDT": editors read the zone's everyday name.
  timeZoneName: 'shortGeneric',
});
// en-CA writes dates as YYYY-MM-DD.
const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: centreTimeZone });

/** "Dec 1, 2026, 9:00 AM ET": an instant in the centre's time zone, which it names. */
export function formatCentreDateTime(iso: string | Date): string {
  return dateTime.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** The day (`YYYY-MM-DD`) an instant falls on in the centre's time zone. */
export function centreDay(iso: string | Date): string {
  return day.format(typeof iso === 'string' ? new Date(iso) : iso);
}
