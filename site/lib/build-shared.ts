/**
 * A value shared by the build's module graphs. Astro loads the content layer, the pages, the middleware
 * and the integrations as separate module graphs in one process, each with its own copy of a module, so
 * module state is not shared between them; this keeps the value on `globalThis` under a registered symbol.
 */
export function buildShared<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`mca.${name}`);
  holder[key] ??= create();
  return holder[key];
}
