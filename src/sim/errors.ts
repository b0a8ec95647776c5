/** Okta's error bodies and the exception routes throw to answer with one. */

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

let errorCounter = 0;

/** Okta error ids look like `oae` + 19 base62 chars; unique per answer, not secret. */
function nextErrorId(): string {
  errorCounter += 1;
  return `oae${errorCounter.toString(36).padStart(8, '0')}SimErr0g4`.slice(0, 22);
}

export function oktaErrorBody(errorCode: string, errorSummary: string, causes: string[] = []): OktaErrorBody {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: nextErrorId(),
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}

/** Thrown by routes; the server turns it into the status, headers and Okta error body. */
export class OktaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

export const notFound = (what: string) =>
  new OktaHttpError(
    404,
    oktaErrorBody('E0000007', `Not found: Resource not found: ${what} (${kindOf(what)})`),
  );

function kindOf(id: string): string {
  if (id.startsWith('00u')) return 'User';
  if (id.startsWith('00g')) return 'UserGroup';
  if (id.startsWith('0oa')) return 'AppInstance';
  return 'Resource';
}

export const invalidToken = () =>
  new OktaHttpError(401, oktaErrorBody('E0000011', 'Invalid token provided'), {
    'WWW-Authenticate': 'SSWS realm="Okta"',
  });

export const forbidden = (headers: Record<string, string> = {}) =>
  new OktaHttpError(
    403,
    oktaErrorBody('E0000006', 'You do not have permission to perform the requested action'),
    headers,
  );

export const badSearch = (cause: string) =>
  new OktaHttpError(400, oktaErrorBody('E0000031', 'Invalid search criteria.', [cause]));

export const badRequest = (summary: string, causes: string[] = []) =>
  new OktaHttpError(400, oktaErrorBody('E0000001', `Api validation failed: ${summary}`, causes));

export const rateLimited = () =>
  oktaErrorBody('E0000047', 'API call exceeded rate limit due to too many requests.');

export const serverError = () => oktaErrorBody('E0000009', 'Internal Server Error');

export const methodNotAllowed = () =>
  new OktaHttpError(405, oktaErrorBody('E0000022', 'The endpoint does not support the provided HTTP method'));
