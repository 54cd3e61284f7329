/**
 * The patch operations of Sanity's Mutation API that the stand-in supports: `set`, `setIfMissing`,
 * `unset`, `inc`, `dec`, `insert` (how the Studio adds blocks and list items), `diffMatchPatch` (how it
 * saves typing in a text field) and `ifRevisionID`, over paths such as `title`, `seo.title`, `body[0].style`,
 * `body[-1]` and `body[_key=="a1"].children`. Anything else is refused, so a test never passes against a
 * patch the stand-in silently ignored.
 */

import { applyPatches, parsePatch } from '@sanity/diff-match-patch';

type Segment = string | number | { key: string };

export interface PatchOperations {
  set?: Record<string, unknown>;
  setIfMissing?: Record<string, unknown>;
  unset?: string[];
  inc?: Record<string, number>;
  dec?: Record<string, number>;
  insert?: InsertOperation;
  diffMatchPatch?: Record<string, string>;
  ifRevisionID?: string;
}

/** Items to put before, after or in place of the array element at a path such as `body[-1]` or `tags[_key=="a"]`. */
export type InsertOperation = ({ before: string } | { after: string } | { replace: string }) & { items: unknown[] };

const supported = new Set([
  'id',
  'query',
  'params',
  'set',
  'setIfMissing',
  'unset',
  'inc',
  'dec',
  'insert',
  'diffMatchPatch',
  'ifRevisionID',
]);

/** Names the first patch operation the stand-in does not implement, if any. */
export function unsupportedPatchOperation(patch: Record<string, unknown>): string | undefined {
  return Object.keys(patch).find((key) => !supported.has(key));
}

/** Splits a patch path into attribute names, array indexes and `_key` selectors. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\[_key\s*==\s*(?:"([^"]*)"|'([^']*)')\]|\[(?:"([^"]*)"|'([^']*)')\]|(\.)/gy;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (match === null) break;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined || match[4] !== undefined) segments.push({ key: match[3] ?? match[4] ?? '' });
    else if (match[5] !== undefined || match[6] !== undefined) segments.push(match[5] ?? match[6] ?? '');
  }
  if (pattern.lastIndex !== path.length || segments.length === 0) throw new Error(`unsupported patch path "${path}"`);
  return segments;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function childIndex(container: unknown[], segment: number | { key: string }): number {
  if (typeof segment === 'number') return segment < 0 ? container.length + segment : segment;
  return container.findIndex((item) => isContainer(item) && !Array.isArray(item) && item['_key'] === segment.key);
}

function getChild(container: Container, segment: Segment): unknown {
  if (Array.isArray(container)) {
    if (typeof segment === 'string') return undefined;
    return container[childIndex(container, segment)];
  }
  return typeof segment === 'string' ? container[segment] : undefined;
}

/**
 * Walks to the parent of the last segment. Missing attributes on the way are created as objects when
 * `create` is set (as `set` does); a missing array element ends the walk (Sanity skips such a patch).
 */
function parentOf(doc: Record<string, unknown>, segments: Segment[], create: boolean): Container | undefined {
  let current: Container = doc;
  for (const segment of segments.slice(0, -1)) {
    let next = getChild(current, segment);
    if (next === undefined && create && !Array.isArray(current) && typeof segment === 'string') {
      next = {};
      current[segment] = next;
    }
    if (!isContainer(next)) return undefined;
    current = next;
  }
  return current;
}

function write(doc: Record<string, unknown>, path: string, value: unknown, onlyIfMissing: boolean): void {
  const segments = parsePath(path);
  const last = segments[segments.length - 1] as Segment;
  const parent = parentOf(doc, segments, true);
  if (!parent) return;
  if (Array.isArray(parent)) {
    if (typeof last === 'string') return;
    const index = childIndex(parent, last);
    if (index < 0 || index >= parent.length) return;
    if (!onlyIfMissing || parent[index] === undefined) parent[index] = structuredClone(value);
    return;
  }
  if (typeof last !== 'string') return;
  if (!onlyIfMissing || parent[last] === undefined) parent[last] = structuredClone(value);
}

function remove(doc: Record<string, unknown>, path: string): void {
  const segments = parsePath(path);
  const last = segments[segments.length - 1] as Segment;
  const parent = parentOf(doc, segments, false);
  if (!parent) return;
  if (Array.isArray(parent)) {
    if (typeof last === 'string') return;
    const index = childIndex(parent, last);
    if (index >= 0 && index < parent.length) parent.splice(index, 1);
  } else if (typeof last === 'string') {
    delete parent[last];
  }
}

function add(doc: Record<string, unknown>, path: string, amount: number): void {
  const segments = parsePath(path);
  const last = segments[segments.length - 1] as Segment;
  const parent = parentOf(doc, segments, false);
  if (!parent) return;
  const current = getChild(parent, last);
  if (typeof current !== 'number') return;
  write(doc, path, current + amount, false);
}

/** Applies a diff-match-patch text patch to the string at `path`; a path without a string is left alone. */
function patchText(doc: Record<string, unknown>, path: string, patch: string): void {
  const segments = parsePath(path);
  const parent = parentOf(doc, segments, false);
  const current = parent && getChild(parent, segments[segments.length - 1] as Segment);
  if (typeof current !== 'string') return;
  const [text] = applyPatches(parsePatch(patch), current);
  write(doc, path, text, false);
}

/**
 * Inserts items beside (or in place of) an array element. On an empty array, `body[0]` and `body[-1]` both
 * mean the only place there is; a `_key` that matches nothing leaves the array as it is.
 */
function insert(doc: Record<string, unknown>, operation: InsertOperation): void {
  const [position, path] =
    'before' in operation
      ? (['before', operation.before] as const)
      : 'after' in operation
        ? (['after', operation.after] as const)
        : (['replace', operation.replace] as const);
  const segments = parsePath(path);
  const last = segments[segments.length - 1] as Segment;
  const parent = parentOf(doc, segments, false);
  if (!Array.isArray(parent) || typeof last === 'string') throw new Error(`insert: "${path}" is not an element of an array`);
  const items = structuredClone(operation.items);
  if (parent.length === 0 && typeof last === 'number') {
    if (position !== 'replace') parent.push(...items);
    return;
  }
  const index = childIndex(parent, last);
  if (index < 0 || index >= parent.length) return;
  if (position === 'before') parent.splice(index, 0, ...items);
  else if (position === 'after') parent.splice(index + 1, 0, ...items);
  else parent.splice(index, 1, ...items);
}

/**
 * Applies the operations to a copy of the document, in the order Sanity documents for a patch:
 * set, setIfMissing, unset, inc, dec, insert, diffMatchPatch. `_id` and `_type` cannot be patched.
 */
export function applyPatch(doc: Record<string, unknown>, patch: PatchOperations): Record<string, unknown> {
  const next = structuredClone(doc);
  const guard = (path: string) => {
    if (/^_(id|type)$/.test(path)) throw new Error(`cannot patch ${path}`);
    return path;
  };
  for (const [path, value] of Object.entries(patch.set ?? {})) write(next, guard(path), value, false);
  for (const [path, value] of Object.entries(patch.setIfMissing ?? {})) write(next, guard(path), value, true);
  for (const path of patch.unset ?? []) remove(next, guard(path));
  for (const [path, amount] of Object.entries(patch.inc ?? {})) add(next, guard(path), amount);
  for (const [path, amount] of Object.entries(patch.dec ?? {})) add(next, guard(path), -amount);
  if (patch.insert) insert(next, patch.insert);
  for (const [path, text] of Object.entries(patch.diffMatchPatch ?? {})) patchText(next, guard(path), text);
  return next;
}
