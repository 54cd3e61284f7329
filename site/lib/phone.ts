import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { defaultPhoneCountry } from '../../schemas/phone-rules.ts';

/**
 * The `tel:` URI of a phone number as editors write it, extension kept (`(617) 555-0142 ext. 3` →
 * `tel:+16175550142;ext=3`, RFC 3966). A short code such as `988` keeps its digits; text with no
 * digits gives `undefined`, to be shown without a link.
 */
export function telHref(phone: string): string | undefined {
  // Every page links the same few numbers (header, footer, crisis lines): parsing them again on each
  // page cost half a second over a 10,000-article build.
  if (!hrefs.has(phone)) hrefs.set(phone, parseTelHref(phone));
  return hrefs.get(phone);
}

const hrefs = new Map<string, string | undefined>();

function parseTelHref(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, defaultPhoneCountry);
  if (parsed?.isPossible()) return parsed.getURI();
  const digits = phone.replace(/\D/g, '');
  return digits ? `tel:${digits}` : undefined;
}
