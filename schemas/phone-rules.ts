import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The centre is in Massachusetts: a number written without a country code is a US number. */
export const defaultPhoneCountry = 'US';

/** How editors write a number with an extension; the Studio's help text and the error both show it. */
export const phoneExample = '(617) 555-0142 ext. 3';

/**
 * Why `phone` cannot be dialled, or `undefined` when it can: a number with area code (or `+` and a
 * country code), optionally an extension. The Studio and the build (`contactDetails (phone)`) share it,
 * so "555-01" never becomes a broken `tel:55501` link.
 */
export function phoneProblem(phone: string): string | undefined {
  if (phone.trim() === '') return undefined;
  if (parsePhoneNumberFromString(phone, defaultPhoneCountry)?.isPossible()) return undefined;
  return `"${phone}" is not a phone number that can be dialled: write the area code and number, e.g. ${phoneExample}`;
}
