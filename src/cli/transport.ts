/**
 * How the CLI reaches the gateway's GraphQL API: in process (yoga.fetch, no socket) or over HTTP
 * to a running gateway. Both speak GraphQL over HTTP, so one executor covers both.
 */
import { UPSTREAM_WORDS } from '../okta/errors.ts';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export type GraphQLExecutor = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A failure of the check itself (exit code 3): its message is the one line printed on stderr. */
export class CheckFailedError extends Error {
  override readonly name = 'CheckFailedError';
  /** The gateway's extensions.code, when the failure came from a GraphQL error. */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ExecutorOptions {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  fetch: FetchLike;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string | undefined;
  /** Where the answers come from, for error messages: `gateway at URL` or `in-process gateway`. */
  label: string;
}

function describeGraphQLError(error: GraphQLErrorShape): CheckFailedError {
  const code = error.extensions?.code;
  const message = error.message.replace(/\s+/g, ' ').trim();
  switch (code) {
    case 'NOT_FOUND':
      return new CheckFailedError(`unknown principal: ${message}`, code);
    case 'UPSTREAM_UNAUTHENTICATED':
      // The gateway's message already reads "Okta rejected the gateway's credential: E0000011 ...".
      return new CheckFailedError(message, code);
    case 'UPSTREAM_UNAVAILABLE':
    case 'UPSTREAM_FORBIDDEN':
    case 'UPSTREAM_RATE_LIMITED':
    case 'UPSTREAM_ERROR':
      return new CheckFailedError(`${UPSTREAM_WORDS[code].headline}: ${message}`, code);
    case 'UNAUTHENTICATED':
      return new CheckFailedError(`the gateway rejected the API key: ${message}`, code);
    case undefined:
      return new CheckFailedError(`gateway error: ${message}`);
    default:
      return new CheckFailedError(`gateway error ${code}: ${message}`, code);
  }
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** A GraphQL executor that throws CheckFailedError on any GraphQL, HTTP or network failure. */
export function createExecutor(options: ExecutorOptions): GraphQLExecutor {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    let response: Response;
    try {
      response = await options.fetch(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      throw new CheckFailedError(`cannot reach the ${options.label}: ${networkReason(err)}`);
    }
    const text = await response.text();
    let body: GraphQLResponse<T>;
    try {
      body = JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      throw new CheckFailedError(
        `the ${options.label} answered HTTP ${response.status} without a GraphQL response`,
      );
    }
    const first = body.errors?.[0];
    if (first) throw describeGraphQLError(first);
    if (!response.ok || !body.data) {
      throw new CheckFailedError(`the ${options.label} answered HTTP ${response.status} without data`);
    }
    return body.data;
  };
}
