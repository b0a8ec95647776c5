/**
 * The org snapshot v1 as a zod schema: the structure of `snapshot-format.ts`, checked field by
 * field. Objects are strict (an unknown field is an error, so a misspelt or secret-bearing field
 * never slips through); cross-references are checked afterwards in `snapshot-references.ts`.
 */
import { z } from 'zod';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot-format.ts';

const id = z.string().min(1);
const timestamp = z.iso.datetime({ offset: true });
const principalType = z.enum(['USER', 'GROUP', 'CLIENT']);

/** JWK members that hold private or symmetric key material (RFC 7518 section 6). */
export const SECRET_JWK_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const publicJwk = z.record(z.string(), z.unknown()).superRefine((jwk, ctx) => {
  for (const member of SECRET_JWK_MEMBERS) {
    if (member in jwk) {
      ctx.addIssue({
        code: 'custom',
        path: [member],
        message: 'private key material: a snapshot holds public keys only',
      });
    }
  }
});

const user = z.strictObject({
  id,
  status: z.enum([
    'ACTIVE',
    'STAGED',
    'PROVISIONED',
    'RECOVERY',
    'PASSWORD_EXPIRED',
    'LOCKED_OUT',
    'SUSPENDED',
    'DEPROVISIONED',
  ]),
  created: timestamp,
  profile: z.strictObject({
    login: z.string().min(1),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    department: z.string().optional(),
    title: z.string().optional(),
  }),
});

const group = z.strictObject({
  id,
  type: z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']),
  created: timestamp,
  profile: z.strictObject({ name: z.string().min(1), description: z.string().nullable() }),
});

const app = z.strictObject({
  id,
  name: z.string().min(1),
  label: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  signOnMode: z.string().min(1),
  created: timestamp,
  oauthClient: z
    .strictObject({
      clientId: id,
      applicationType: z.enum(['service', 'web', 'native', 'browser']),
      tokenEndpointAuthMethod: z.enum([
        'private_key_jwt',
        'client_secret_basic',
        'client_secret_post',
        'none',
      ]),
      jwks: z.strictObject({ keys: z.array(publicJwk) }).optional(),
    })
    .optional(),
});

const resourceSet = z.strictObject({
  id,
  label: z.string().min(1),
  description: z.string(),
  created: timestamp,
  resources: z.array(z.string().startsWith('orn:', { message: 'expected an ORN (orn:...)' })),
  bindings: z.array(
    z.strictObject({
      role: z.string().min(1),
      members: z.array(z.strictObject({ type: principalType, id })),
    }),
  ),
});

export const orgSnapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  org: z.strictObject({
    id,
    companyName: z.string(),
    subdomain: z.string(),
    partition: z.enum(['okta', 'oktapreview']),
  }),
  users: z.array(user),
  groups: z.array(group),
  memberships: z.array(z.strictObject({ groupId: id, userIds: z.array(id) })),
  apps: z.array(app),
  grants: z.array(
    z.strictObject({
      id,
      appId: id,
      scopeId: z.string().min(1),
      status: z.enum(['ACTIVE', 'REVOKED']),
      created: timestamp,
    }),
  ),
  customRoles: z.array(
    z.strictObject({
      id,
      label: z.string().min(1),
      description: z.string(),
      permissions: z.array(z.string().min(1)),
      created: timestamp,
    }),
  ),
  resourceSets: z.array(resourceSet),
  roleAssignments: z.array(
    z.strictObject({
      principalType,
      principalId: id,
      type: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/, { message: 'expected a standard role type (SUPER_ADMIN, ...)' }),
      status: z.enum(['ACTIVE', 'INACTIVE']),
      created: timestamp,
      groupTargets: z.array(id).optional(),
      appTargets: z.array(z.strictObject({ name: z.string().min(1), appId: id.optional() })).optional(),
    }),
  ),
  systemLog: z
    .array(
      z.strictObject({
        uuid: id,
        published: timestamp,
        eventType: z.string().min(1),
        displayMessage: z.string(),
        severity: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
        actorId: id,
        target: z
          .array(
            z.strictObject({
              id: z.string(),
              type: z.string().min(1),
              alternateId: z.string(),
              displayName: z.string(),
              detailEntry: z.record(z.string(), z.string()).optional(),
            }),
          )
          .optional(),
        debugData: z.record(z.string(), z.string()).optional(),
      }),
    )
    .optional(),
});
