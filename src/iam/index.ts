/** The IAM domain: pure rules over the backing records of model.ts. No GraphQL, HTTP or SDK here. */

export * from './effective-permissions.ts';
export type * from './model.ts';
export * from './orn.ts';
export * from './permissions.ts';
export * from './readiness/index.ts';
export * from './role-permission-table.ts';
export * from './standard-roles.ts';
