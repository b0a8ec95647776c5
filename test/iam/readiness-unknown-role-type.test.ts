import { describe, expect, it } from 'vitest';
import { effectivePermissions } from '../../src/iam/effective-permissions.ts';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import { assignment, catalogWith, userInput } from './fixtures.ts';

describe('a role type the gateway does not know (WORKFLOWS_ADMIN)', () => {
  it('grants nothing and adds UNKNOWN_ROLE_TYPE, leaving the verdict of the known roles as it was', () => {
    const catalog = catalogWith();
    const known = [assignment('SUPER_ADMIN')];
    const withUnknown = [...known, assignment('WORKFLOWS_ADMIN')];
    expect(effectivePermissions(withUnknown, catalog)).toEqual(effectivePermissions(known, catalog));
    const before = evaluateLumosReadiness(userInput(known), catalog);
    const after = evaluateLumosReadiness(userInput(withUnknown), catalog);
    expect(after.status).toBe('READY');
    expect(before.warnings.map((w) => w.code)).toEqual([]);
    expect(after.warnings.map((w) => w.code)).toEqual(['UNKNOWN_ROLE_TYPE']);
    expect(after.warnings[0]?.message).toContain('WORKFLOWS_ADMIN');
    expect(after.warnings[0]?.message).toContain('may understate');
  });

  it('warns once per unknown type, and only for active assignments', () => {
    const catalog = catalogWith();
    const result = evaluateLumosReadiness(
      userInput([
        assignment('REPORT_ADMIN'),
        assignment('WORKFLOWS_ADMIN'),
        assignment('WORKFLOWS_ADMIN', { assignmentType: 'GROUP', inheritedFromGroupId: '00g1' }),
        assignment('NEW_THING_ADMIN', { status: 'INACTIVE' }),
      ]),
      catalog,
    );
    expect(result.warnings.filter((w) => w.code === 'UNKNOWN_ROLE_TYPE')).toHaveLength(1);
  });
});
