/**
 * Okta variants: where Okta's documentation is silent, or documents something surprising, the
 * simulator answers the friendly way by default and the other plausible way under a variant.
 * docs/okta-assumptions.md states each one, its evidence, and what it changes.
 */

export const OKTA_VARIANTS = [
  'assignees-direct',
  'no-roles-404',
  'no-embedded-targets',
  'iam-policy-404',
  'new-role-types',
  'search-lag',
  'preview',
  'client-id-chars',
  'concurrency-429',
] as const;

export type OktaVariant = (typeof OKTA_VARIANTS)[number];

/** Turns every variant on. */
export const STRICT = 'strict';

export type Variants = ReadonlySet<OktaVariant>;

export const NO_VARIANTS: Variants = new Set();

/**
 * `['a', 'b']`, `'a,b'` or `'strict'` -> the set of variants; throws naming an unknown one and
 * listing the valid names.
 */
export function parseVariants(input: readonly string[] | string | undefined): Variants {
  if (input === undefined) return NO_VARIANTS;
  const names = (typeof input === 'string' ? input.split(',') : input.flatMap((v) => v.split(',')))
    .map((name) => name.trim())
    .filter(Boolean);
  const variants = new Set<OktaVariant>();
  for (const name of names) {
    if (name === STRICT) for (const v of OKTA_VARIANTS) variants.add(v);
    else if ((OKTA_VARIANTS as readonly string[]).includes(name)) variants.add(name as OktaVariant);
    else {
      throw new Error(
        `unknown Okta variant "${name}"; valid variants: ${OKTA_VARIANTS.join(', ')}, or ${STRICT} for all`,
      );
    }
  }
  return variants;
}

/** Okta's predefined resource sets of IAM-based standard roles: ACCESS_CERTIFICATIONS_IAM_POLICY, ... */
export function isPredefinedResourceSet(id: string): boolean {
  return id.endsWith('_IAM_POLICY');
}
