/** Lookups in the permission catalog and the "includes" closure over it. */

import { PERMISSION_CATALOG, type PermissionDef } from './permission-catalog.ts';

const BY_NAME: ReadonlyMap<string, PermissionDef> = new Map(PERMISSION_CATALOG.map((p) => [p.name, p]));

export function findPermission(name: string): PermissionDef | undefined {
  return BY_NAME.get(name);
}

/**
 * Each name plus everything it includes, transitively. Unknown names (a permission Okta added
 * after this catalog) are kept as themselves and include nothing.
 */
export function expandPermissions(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (out.has(name)) continue;
    out.add(name);
    for (const included of BY_NAME.get(name)?.includes ?? []) stack.push(included);
  }
  return out;
}
