import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, failureLine } from '../../src/cli/exit.ts';
import { graphqlEndpoint } from '../../src/cli/gateway-connection.ts';
import { buildReadinessDocument, type ReadinessResult } from '../../src/cli/readiness/document.ts';
import {
  formatPlans,
  formatReadinessTable,
  missingItems,
  planSummary,
  shouldUseColor,
} from '../../src/cli/readiness/table.ts';
import { publicJwk } from '../../src/cli/snapshot/public-jwk.ts';
import { bindingMemberFromHref } from '../../src/cli/snapshot/read-org.ts';

// ajv-formats is CommonJS with a default export: NodeNext types see the module object.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
const schema = JSON.parse(
  readFileSync(new URL('../../docs/readiness-report.schema.json', import.meta.url), 'utf8'),
);

function result(overrides: Partial<ReadinessResult> = {}): ReadinessResult {
  return {
    principal: 'lumos.targeted@demo.example',
    kind: 'USER',
    key: '00u1',
    displayName: 'Tara Targeted',
    status: 'PARTIAL',
    connection: 'API_TOKEN',
    access: 'FULL',
    ruleSet: 'lumos-okta-2026-03-10',
    capabilities: [
      { name: 'READ_USERS', required: true, available: true, limitedTo: null, missing: [], reason: 'ok' },
      {
        name: 'MANAGE_GROUP_MEMBERSHIP',
        required: true,
        available: true,
        limitedTo: ['orn:okta:directory:00o1:groups:00g1'],
        missing: [],
        reason: 'limited',
      },
    ],
    missingRoles: [],
    missingPermissions: [],
    missingScopes: [],
    warnings: [{ code: 'TARGETED_ROLE', message: 'keep the list current' }],
    remediation: ['Make GROUP_MEMBERSHIP_ADMIN cover all groups.'],
    remediationPlans: [
      {
        reaches: 'PARTIAL',
        leavesMissing: ['READ_ADMIN_ROLES'],
        steps: [
          {
            action: 'REMOVE_TARGETS',
            subject: 'GROUP_MEMBERSHIP_ADMIN',
            apiCall:
              'DELETE /api/v1/users/00u1/roles/ra1, then POST /api/v1/users/00u1/roles {"type":"GROUP_MEMBERSHIP_ADMIN"}',
            consolePath: 'Directory > People > Tara Targeted > Admin roles',
            text: 'Make GROUP_MEMBERSHIP_ADMIN cover all groups.',
          },
        ],
      },
      {
        reaches: 'READY',
        leavesMissing: [],
        steps: [
          {
            action: 'ASSIGN_ROLE',
            subject: 'SUPER_ADMIN',
            apiCall: 'POST /api/v1/users/00u1/roles {"type":"SUPER_ADMIN"}',
            consolePath: 'Security > Administrators > Admins > Add Administrator',
            text: 'Assign SUPER_ADMIN.',
          },
        ],
      },
    ],
    undetermined: [],
    ...overrides,
  };
}

describe('exit codes', () => {
  it('is 0 when every principal is READY or there is none', () => {
    expect(exitCodeFor(['READY', 'READY'])).toBe(0);
    expect(exitCodeFor([])).toBe(0);
  });
  it('is 1 for a PARTIAL unless --fail-on not-ready', () => {
    expect(exitCodeFor(['READY', 'PARTIAL'])).toBe(1);
    expect(exitCodeFor(['READY', 'PARTIAL'], 'not-ready')).toBe(0);
  });
  it('is 3 for an UNKNOWN verdict, whatever the others and --fail-on say', () => {
    expect(exitCodeFor(['READY', 'UNKNOWN'])).toBe(3);
    expect(exitCodeFor(['NOT_READY', 'UNKNOWN', 'PARTIAL'], 'not-ready')).toBe(3);
  });
  it('is 2 for NOT_READY or UNSUPPORTED whatever --fail-on says', () => {
    expect(exitCodeFor(['PARTIAL', 'NOT_READY'])).toBe(2);
    expect(exitCodeFor(['UNSUPPORTED'], 'not-ready')).toBe(2);
  });
});

describe('the readiness document', () => {
  it('validates against the documented JSON Schema and counts every status', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const doc = buildReadinessDocument({
      ruleSet: 'lumos-okta-2026-03-10',
      access: 'FULL',
      results: [result(), result({ status: 'READY' }), result({ status: 'READY' })],
    });
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.summary).toEqual({ READY: 2, PARTIAL: 1, NOT_READY: 0, UNSUPPORTED: 0, UNKNOWN: 0 });
  });
  it('is rejected by the schema when a result lacks a field scripts rely on', () => {
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    const { remediation: _dropped, ...broken } = result();
    const doc = {
      ...buildReadinessDocument({ ruleSet: 'r', access: 'FULL', results: [] }),
      results: [broken],
    };
    expect(ajv.validate(schema, doc)).toBe(false);
  });
});

describe('the table', () => {
  it('shows principal, kind, status, missing items and each plan in a few words', () => {
    const text = formatReadinessTable([
      result({ missingRoles: ['SUPER_ADMIN'], missingScopes: ['okta.logs.read'] }),
    ]);
    const [header, row] = text.trimEnd().split('\n');
    expect(header).toMatch(/^PRINCIPAL\s+KIND\s+STATUS\s+MISSING\s+PLANS$/);
    expect(row).toContain('Tara Targeted (lumos.targeted@demo.example)');
    expect(row).toMatch(
      /USER\s+PARTIAL\s+SUPER_ADMIN, okta.logs.read\s+PARTIAL by make org-wide GROUP_MEMBERSHIP_ADMIN \| READY by assign SUPER_ADMIN$/,
    );
    expect(text).not.toContain('\u001b[');
  });
  it('sums up a plan by its steps, runs of one action together', () => {
    expect(
      planSummary({
        reaches: 'PARTIAL',
        leavesMissing: [],
        steps: ['REPORT_ADMIN', 'APP_ADMIN'].map((subject) => ({
          action: 'ASSIGN_ROLE',
          subject,
          apiCall: null,
          consolePath: null,
          text: '',
        })),
      }),
    ).toBe('PARTIAL by assign REPORT_ADMIN + APP_ADMIN');
  });
  it('lists under the table each plan of a principal that is not READY, step by step, with its warnings', () => {
    const text = formatPlans([
      result(),
      result({
        principal: 'ready',
        displayName: 'ready',
        status: 'READY',
        remediation: [],
        remediationPlans: [],
        warnings: [],
      }),
    ]);
    expect(text.split('\n')).toEqual([
      '',
      'Tara Targeted (lumos.targeted@demo.example): PARTIAL',
      '  TARGETED_ROLE: keep the list current',
      '  Plan 1: reaches PARTIAL, still without READ_ADMIN_ROLES',
      '    1. Make GROUP_MEMBERSHIP_ADMIN cover all groups.',
      '  Plan 2: reaches READY',
      '    1. Assign SUPER_ADMIN.',
      '',
    ]);
  });
  it('names limited capabilities when nothing is missing outright', () => {
    expect(missingItems(result())).toBe('limited: MANAGE_GROUP_MEMBERSHIP');
  });
  it('colours only on a terminal and never with NO_COLOR', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(formatReadinessTable([result()], { color: true })).toContain('\u001b[33mPARTIAL');
  });
});

describe('small helpers', () => {
  it('reports a failure as one line and masks credentials', () => {
    expect(failureLine(new Error('boom\n    at x (y.ts:1)'))).toBe('error: boom');
    expect(failureLine(new Error('401 for SSWS 00abcDEF'))).toBe('error: 401 for SSWS ***');
  });
  it('adds /graphql to a bare gateway URL and refuses what is not http', () => {
    expect(graphqlEndpoint('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/graphql');
    expect(graphqlEndpoint('https://gw.example/api/graphql')).toBe('https://gw.example/api/graphql');
    expect(() => graphqlEndpoint('ftp://x')).toThrow(/http/);
  });
  it('keeps only the public members of a JWK', () => {
    expect(publicJwk({ kty: 'RSA', kid: 'k1', n: 'nn', e: 'AQAB', d: 'secret', p: 's', q: 's' })).toEqual({
      kty: 'RSA',
      kid: 'k1',
      n: 'nn',
      e: 'AQAB',
    });
    expect(publicJwk({ kty: 'oct', k: 'secret' })).toBeNull();
  });
  it('reads a binding member from its href', () => {
    expect(bindingMemberFromHref('https://x.okta.com/api/v1/groups/00g1')).toEqual({
      type: 'GROUP',
      id: '00g1',
    });
    expect(bindingMemberFromHref('/oauth2/v1/clients/0oa9')).toEqual({ type: 'CLIENT', id: '0oa9' });
    expect(bindingMemberFromHref('/api/v1/apps/0oa9')).toBeNull();
  });
});
