/**
 * The browser tab's title: the page's own title followed by the centre's name, unless the title already
 * names the centre, in full or by its initials as a whole word ("… | MCA"), so the name appears once.
 */
export function documentTitle(title: string, organizationName: string): string {
  const initials = organizationName
    .split(/\s+/)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
  const namesCentre =
    title.toLocaleLowerCase('en-US').includes(organizationName.toLocaleLowerCase('en-US')) ||
    (initials.length > 1 && new RegExp(`(^|[^\\p{L}\\p{N}])${initials}($|[^\\p{L}\\p{N}])`, 'u').test(title));
  return namesCentre ? title : `${title} | ${organizationName}`;
}
