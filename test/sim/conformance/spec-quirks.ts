/**
 * Corrections applied to the parsed OpenAPI description before translation, one per known
 * inconsistency of the spec itself. Each is a tolerated quirk: it widens the spec only where the
 * spec contradicts itself, never to fit the simulator.
 */

interface RawSchema {
  enum?: unknown[];
  discriminator?: { propertyName?: string; mapping?: Record<string, string> };
  [key: string]: unknown;
}

const STANDARD_ROLE = '#/components/schemas/StandardRole';

function walk(node: unknown, visit: (schema: RawSchema) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  visit(node as RawSchema);
  for (const value of Object.values(node)) walk(value, visit);
}

/**
 * Spec quirk tolerated: `RoleType` omits MOBILE_ADMIN, yet the role-list operations' discriminator
 * maps MOBILE_ADMIN to StandardRole, operations name it in `x-okta-iam-admin-roles`, and Okta's
 * admin documentation lists the Mobile Administrator standard role. The single-assignment
 * operations' mappings omit it too. MOBILE_ADMIN is added to the enum and to every role mapping
 * that maps standard roles.
 */
function mobileAdminIsARoleType(doc: Record<string, unknown>): void {
  const schemas = (doc.components as { schemas: Record<string, RawSchema> }).schemas;
  const roleType = schemas.RoleType;
  if (roleType?.enum && !roleType.enum.includes('MOBILE_ADMIN')) roleType.enum.push('MOBILE_ADMIN');
  walk(doc.paths, (schema) => {
    const mapping = schema.discriminator?.mapping;
    if (mapping && Object.values(mapping).includes(STANDARD_ROLE) && !mapping.MOBILE_ADMIN) {
      mapping.MOBILE_ADMIN = STANDARD_ROLE;
    }
  });
}

/** Applies every correction (in place) to a parsed description. */
export function applySpecQuirks(doc: Record<string, unknown>): void {
  mobileAdminIsARoleType(doc);
}
