import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSION_TABLE } from '../../src/iam/default-role-permissions.ts';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import {
  DEFAULT_LUMOS_RULE_SET,
  LUMOS_OKTA_2026_03_10,
  type LumosRuleSet,
} from '../../src/iam/readiness/rule-set.ts';
import { parseRolePermissionTable } from '../../src/iam/role-permission-table.ts';
import { assignment, catalogWith, DESIGN_DIR, userInput } from './fixtures.ts';

const rulesPath = new URL('lumos-readiness-rules.md', DESIGN_DIR);
const rules = LUMOS_OKTA_2026_03_10;

describe.skipIf(!existsSync(rulesPath))('the rule set against lumos-readiness-rules.md', () => {
  const text = existsSync(rulesPath) ? readFileSync(rulesPath, 'utf8') : '';
  const capabilityRows = [...text.matchAll(/^\| `([A-Z_]+)` \| [^|]+ \| (.+) \|$/gm)].map((m) => ({
    name: m[1]!,
    satisfiedBy: m[2]!,
  }));
  const scopeRows = [...text.matchAll(/^\| `(okta\.[a-z.]+)` \| (required) \| (.+) \|$/gm)].map((m) => ({
    scope: m[1]!,
    readOnly: m[3]!,
  }));

  it('carries the rule set id of the file', () => {
    expect(text).toContain(`rule set \`${rules.id}\``);
  });

  it('has the ten capabilities of the table, in its order', () => {
    expect(rules.capabilities.map((c) => c.name)).toEqual(capabilityRows.map((r) => r.name));
  });

  it('names exactly the permissions and roles each row says satisfy it', () => {
    for (const row of capabilityRows) {
      const rule = rules.capabilities.find((c) => c.name === row.name)!;
      const named = [...row.satisfiedBy.matchAll(/`([A-Za-z_.]+)`/g)].map((m) => m[1]!);
      const data = [...(rule.satisfiedBy.permissionsAllOf ?? []), ...(rule.satisfiedBy.rolesAnyOf ?? [])];
      expect(data.sort(), row.name).toEqual(named.filter((n) => n !== 'okta.*').sort());
    }
  });

  it('has the six requested scopes and their read-only substitutes', () => {
    expect(rules.scopes.map((s) => s.scope)).toEqual(scopeRows.map((r) => r.scope));
    for (const row of scopeRows) {
      const rule = rules.scopes.find((s) => s.scope === row.scope)!;
      expect(rule.acceptable.FULL).toEqual([row.scope]);
      const substitute = /`(okta\.[a-z.]+)` is enough/.exec(row.readOnly)?.[1];
      expect(rule.acceptable.READ_ONLY).toEqual(substitute ? [substitute, row.scope] : [row.scope]);
    }
  });

  it('gives each capability the scope side the file lists', () => {
    const line = text.slice(text.indexOf('`READ_USERS` users.read|manage'));
    for (const c of rules.capabilities) {
      const m = new RegExp(`\`${c.name}\` ([a-z.|+ ]+?)(?: ·|\\.\\n)`).exec(line);
      const expected = m![1]!.split(' + ').map((part) => {
        const [family, verbs] = part.split('.') as [string, string];
        return verbs.split('|').map((v) => `okta.${family}.${v}`);
      });
      expect(c.scopesAllOf, c.name).toEqual(expected);
    }
  });

  it('is the default rule set', () => {
    expect(DEFAULT_LUMOS_RULE_SET).toBe(rules);
  });
});

describe('the evaluator is generic over the rule set', () => {
  const withoutSuperAdminOnly: LumosRuleSet = {
    ...rules,
    id: 'test-no-admin-roles',
    requiredFor: {
      FULL: rules.requiredFor.FULL.filter(
        (n) => n !== 'READ_ADMIN_ROLES' && n !== 'MANAGE_SUPER_ADMIN_MEMBERSHIP',
      ),
      READ_ONLY: rules.requiredFor.READ_ONLY.filter((n) => n !== 'READ_ADMIN_ROLES'),
    },
  };

  it('reports the rule set it evaluated', () => {
    const r = evaluateLumosReadiness(
      userInput([assignment('ORG_ADMIN')]),
      catalogWith(),
      withoutSuperAdminOnly,
    );
    expect(r).toMatchObject({ ruleSet: 'test-no-admin-roles', status: 'READY' });
  });

  it('finds the fewest roles: ORG_ADMIN alone rather than three narrower roles', () => {
    const r = evaluateLumosReadiness(userInput([]), catalogWith(), withoutSuperAdminOnly);
    expect(r.missingRoles).toEqual(['ORG_ADMIN']);
  });

  it('prefers the least privileged role among equally few: REPORT_ADMIN for the System Log', () => {
    const r = evaluateLumosReadiness(
      userInput([assignment('GROUP_MEMBERSHIP_ADMIN'), assignment('APP_ADMIN')]),
      catalogWith(),
      withoutSuperAdminOnly,
    );
    expect(r.status).toBe('PARTIAL');
    expect(r.missingRoles).toEqual(['REPORT_ADMIN']);
    expect(r.remediation).toEqual([
      'Assign REPORT_ADMIN to user lumos@acme.com org-wide, for READ_SYSTEM_LOG: POST /api/v1/users/00u1lumos/roles {"type":"REPORT_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
    ]);
    expect(r.remediationPlans.map((p) => [p.reaches, p.leavesMissing])).toEqual([['READY', []]]);
  });

  it('suggests GROUP_MEMBERSHIP_ADMIN for what APP_ADMIN and REPORT_ADMIN leave out', () => {
    const r = evaluateLumosReadiness(
      userInput([assignment('APP_ADMIN'), assignment('REPORT_ADMIN')]),
      catalogWith(),
      withoutSuperAdminOnly,
    );
    expect(r.missingRoles).toEqual(['GROUP_MEMBERSHIP_ADMIN']);
  });
});

describe('an operator table override changes what roles grant', () => {
  const override = parseRolePermissionTable({
    version: 'acme-2026-04',
    roles: [
      ...[...DEFAULT_ROLE_PERMISSION_TABLE.rows.values()].map((r) => ({ ...r })),
      {
        role: 'WORKFLOWS_ADMIN',
        permissions: ['okta.workflows.invoke'],
        grants: { systemLog: true },
        scope: 'org',
      },
    ],
  });

  it('lets a role the default table does not know grant the System Log through its grants', () => {
    const r = evaluateLumosReadiness(
      userInput([assignment('WORKFLOWS_ADMIN')]),
      catalogWith([], {}, override),
    );
    expect(r.capabilities.find((c) => c.name === 'READ_SYSTEM_LOG')?.available).toBe(true);
    const before = evaluateLumosReadiness(userInput([assignment('WORKFLOWS_ADMIN')]), catalogWith());
    expect(before.capabilities.find((c) => c.name === 'READ_SYSTEM_LOG')?.available).toBe(false);
  });
});
