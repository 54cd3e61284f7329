interface StaticPath<Props> {
  params: Record<string, string | number | undefined>;
  props: Props;
}

/**
 * A dynamic page's props: those `getStaticPaths` gave it in the static build or, where the page is
 * rendered on request (the draft preview server), the same entry found by the request's params.
 * `undefined` when no entry matches: the page does not exist.
 */
export async function pageProps<Props extends object>(
  astro: { props: Props | Record<string, never>; params: Record<string, string | undefined> },
  getStaticPaths: () => StaticPath<Props>[] | Promise<StaticPath<Props>[]>,
): Promise<Props | undefined> {
  if (Object.keys(astro.props).length > 0) return astro.props as Props;
  const paths = await getStaticPaths();
  // An absent rest parameter (`[...lang]` of a default-language page) is `undefined` on both sides.
  return paths.find((path) =>
    Object.entries(path.params).every(([name, value]) => astro.params[name] === (value === undefined ? undefined : String(value))),
  )?.props;
}
