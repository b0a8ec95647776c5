import { builder } from './builder.ts';
import './refs.ts';
import './permission.ts';
import './role.ts';
import './resource-set.ts';
import './orn.ts';
import './principal.ts';
import './role-assignment.ts';
import './user.ts';
import './group.ts';
import './service-app.ts';
import './readiness.ts';
import './gateway-access.ts';
import './admin-changes.ts';
import './who-can.ts';

/** The gateway's GraphQL schema. Building it needs no credentials and opens no connection. */
export const schema = builder.toSchema();
