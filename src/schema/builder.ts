import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.ts';
import { badUserInput } from '../errors.ts';

const NODE_TYPES = new Set(['Role', 'ResourceSet', 'User', 'Group', 'ServiceApp']);

/** The relay plugin's default encoding (base64 of `Type:id`), decoded with a caller-facing error. */
function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || !NODE_TYPES.has(decoded.slice(0, colon))) {
    throw badUserInput(`Not a global id of this gateway: ${globalID.slice(0, 100)}`);
  }
  return { typename: decoded.slice(0, colon), id: decoded.slice(colon + 1) };
}

/**
 * The one SchemaBuilder of the gateway: plugins and defaults only, no type definitions.
 * Fields are non-null unless they say otherwise; connection edges and nodes are non-null too,
 * as the contract pins them.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    decodeGlobalID,
    cursorType: 'String',
    nodesQueryOptions: false,
    nodeQueryOptions: {
      description: 'Any object with a global id: a role, resource set, user, group or service app.',
    },
    nodeTypeOptions: { description: 'An object with a global id, stable across requests.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection ends and whether more follow.' },
    idFieldOptions: { description: 'Global id (opaque); use it with `node(id:)`.' },
    edgesFieldOptions: { nullable: { list: false, items: false }, description: 'The items of this page.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque cursor: pass it as `after` to continue after this item.' },
    pageInfoFieldOptions: { description: 'Where this page ends.' },
    hasNextPageFieldOptions: { description: 'True when another page follows.' },
    hasPreviousPageFieldOptions: { description: 'Always false: Okta pages forward only.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Pass as `after` to read the next page; null on the last page.' },
  },
});

builder.queryType({
  description: 'Read-only questions about the Okta org: admin roles, permissions, principals, readiness.',
});
