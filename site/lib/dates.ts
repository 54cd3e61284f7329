import { defaultLanguage, type Language, languageIds } from '../../schemas/languages.ts';
import { centreDay, centreTimeZone } from '../../schemas/time-zone.ts';
import { translations } from '../i18n/index.ts';

/** A date (`YYYY-MM-DD`) stays that day; a date-time is an instant. Noon UTC is the same day everywhere near here. */
const instant = (iso: string) => (iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso));

// Creating a formatter loads locale data: one of each per language for the whole build, not one per date.
const longDates = Object.fromEntries(
  languageIds.map((language) => [
    language,
    new Intl.DateTimeFormat(translations[language].locale.intl, { dateStyle: 'long', timeZone: centreTimeZone }),
  ]),
) as Record<Language, Intl.DateTimeFormat>;

/** "May 3, 2023" (English) or "3 de mayo de 2023" (Spanish) style dates, in the centre's time zone. */
export function formatDate(iso: string, language: Language = defaultLanguage): string {
  return longDates[language].format(instant(iso));
}

/**
 * The same day as {@link formatDate} shows, as `YYYY-MM-DD`: for `<time datetime>` and the search
 * date sort key, so the text, the markup and the sort order never name different days.
 */
export function isoDate(iso: string): string {
  return iso.length === 10 ? iso : centreDay(iso);
}
