import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRoleType, findStandardRole, STANDARD_ROLES } from '../../src/iam/standard-roles.ts';
import { SEED_DIR } from './fixtures.ts';

const seedPath = new URL('okta-roles-permissions-resources.txt', SEED_DIR);

describe.skipIf(!existsSync(seedPath))('standard roles against the Okta seed', () => {
  const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
  const standardSection = seed.slice(
    seed.indexOf('Role Label Optional targets'),
    seed.indexOf('IAM-based standard roles'),
  );
  const rows = [...standardSection.matchAll(/^([A-Z_]{5,}) (.+?)( Apps| Groups)?$/gm)].map((m) => ({
    type: m[1]!,
    label: m[2]!,
    targets: m[3] ? [m[3].trim().toUpperCase()] : [],
  }));

  it('lists the ten standard roles of the seed with their labels and optional targets', () => {
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const role = findStandardRole(row.type);
      expect(role, row.type).toMatchObject({ label: row.label, kind: 'STANDARD', targetKinds: row.targets });
    }
  });

  it.each([
    ['ACCESS_CERTIFICATIONS_ADMIN', 'Access Certifications Administrator'],
    ['ACCESS_REQUESTS_ADMIN', 'Access Requests Administrator'],
  ])('lists %s as an IAM-based standard role', (type, label) => {
    expect(seed).toContain(`${type} ${label}`);
    expect(findStandardRole(type)).toMatchObject({ label, kind: 'IAM_STANDARD', targetKinds: [] });
  });
});

describe('standard roles', () => {
  it('holds the 10 standard and 2 IAM-based roles, each once', () => {
    expect(STANDARD_ROLES.filter((r) => r.kind === 'STANDARD')).toHaveLength(10);
    expect(STANDARD_ROLES.filter((r) => r.kind === 'IAM_STANDARD')).toHaveLength(2);
    expect(new Set(STANDARD_ROLES.map((r) => r.type)).size).toBe(12);
  });

  it('labels USER_ADMIN "Group Administrator", as Okta does', () => {
    expect(findStandardRole('USER_ADMIN')?.label).toBe('Group Administrator');
  });

  it('keeps an unknown type with the label Okta gave, no targets, as a STANDARD role', () => {
    expect(describeRoleType('WORKFLOWS_ADMIN', 'Workflows Administrator')).toMatchObject({
      type: 'WORKFLOWS_ADMIN',
      label: 'Workflows Administrator',
      kind: 'STANDARD',
      targetKinds: [],
    });
  });

  it('labels an unknown type with the type itself when Okta gave no label', () => {
    expect(describeRoleType('NEW_ROLE').label).toBe('NEW_ROLE');
    expect(describeRoleType('NEW_ROLE', '  ').label).toBe('NEW_ROLE');
  });

  it('describes a known type from the catalog, whatever label is passed', () => {
    expect(describeRoleType('APP_ADMIN', 'whatever')).toBe(findStandardRole('APP_ADMIN'));
  });
});
