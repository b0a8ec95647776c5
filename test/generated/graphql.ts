/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What holds a role assignment. */
export type PrincipalKind =
  /** An Okta group. */
  | 'GROUP'
  /** An OAuth 2.0 service (API Services) app. */
  | 'SERVICE_APP'
  /** An Okta user. */
  | 'USER';

export type AdminReportQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminReportQuery = { admins: Array<
    | { __typename: 'Group', id: string, key: string, kind: PrincipalKind, displayName: string }
    | { __typename: 'ServiceApp', id: string, key: string, kind: PrincipalKind, displayName: string }
    | { __typename: 'User', id: string, key: string, kind: PrincipalKind, displayName: string }
  > };


export const AdminReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"admins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<AdminReportQuery, AdminReportQueryVariables>;