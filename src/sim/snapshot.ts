/**
 * Loading, validating and writing org snapshots (format v1, `snapshot-format.ts`; documented in
 * docs/snapshot-format.md). Every error names the offending field by its path in the document,
 * e.g. `snapshot: users[3].profile.login: expected string, received number`.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { type OrgSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot-format.ts';
import { findReferenceProblems } from './snapshot-references.ts';
import { orgSnapshotSchema } from './snapshot-schema.ts';

/** How many problems one error message lists before "and N more". */
const LISTED_PROBLEMS = 5;

/** Validates a parsed JSON document as an org snapshot v1; throws an Error naming each bad field. */
export function parseSnapshot(json: unknown): OrgSnapshot {
  checkFormatAndVersion(json);
  const result = orgSnapshotSchema.safeParse(json);
  if (!result.success) throw snapshotError(result.error.issues.map(describeIssue));
  const snapshot: OrgSnapshot = result.data;
  const problems = findReferenceProblems(snapshot);
  if (problems.length > 0) throw snapshotError(problems);
  return snapshot;
}

/** Reads and validates a snapshot file; errors name the file and the field. */
export async function loadSnapshotFile(path: string): Promise<OrgSnapshot> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseSnapshot(json);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Validates and writes a snapshot as 2-space-indented JSON in the format's field order (JWK
 * members sorted), through a temporary file so a reader never sees half a snapshot. Refuses to
 * write anything that looks like a secret: the format has no place for one.
 */
export async function writeSnapshotFile(path: string, snapshot: OrgSnapshot): Promise<void> {
  const text = serializeSnapshot(snapshot);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** The exact text `writeSnapshotFile` writes. */
export function serializeSnapshot(snapshot: OrgSnapshot): string {
  const canonical = parseSnapshot(snapshot);
  for (const app of canonical.apps) {
    const jwks = app.oauthClient?.jwks;
    if (jwks) jwks.keys = jwks.keys.map((key) => Object.fromEntries(Object.entries(key).sort(byKey)));
  }
  const secret = findSecretLookingValue(canonical, '');
  if (secret) throw new Error(`snapshot: refusing to write: ${secret}`);
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
  [/\bSSWS\s+\S/, 'an SSWS authorization header'],
  [/^00[A-Za-z0-9_-]{40}$/, 'an Okta API token'],
  [/\bBearer\s+\S/, 'a bearer authorization header'],
  [/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, 'a JSON Web Token'],
];

/** Path and kind of the first string value that looks like a credential, or null. */
function findSecretLookingValue(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    for (const [pattern, kind] of SECRET_PATTERNS) {
      if (pattern.test(value)) return `${path} looks like ${kind}`;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecretLookingValue(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      const found = findSecretLookingValue(member, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function checkFormatAndVersion(json: unknown): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw snapshotError([
      `expected a JSON object, received ${json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json}`,
    ]);
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== SNAPSHOT_FORMAT) {
    throw snapshotError([
      `format: expected "${SNAPSHOT_FORMAT}", received ${JSON.stringify(format) ?? 'nothing'}`,
    ]);
  }
  if (version !== SNAPSHOT_VERSION) {
    throw snapshotError([
      `version: expected ${SNAPSHOT_VERSION}, received ${JSON.stringify(version) ?? 'nothing'} (this build reads version ${SNAPSHOT_VERSION} only)`,
    ]);
  }
}

function snapshotError(problems: string[]): Error {
  const listed = problems.slice(0, LISTED_PROBLEMS).join('; ');
  const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : '';
  return new Error(`snapshot: ${listed}${more}`);
}

/** `users[3].profile.login` from zod's ['users', 3, 'profile', 'login']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || '(document)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`).join('; ');
  }
  const message =
    issue.code === 'invalid_format' && issue.format === 'datetime'
      ? 'expected an ISO 8601 date-time'
      : issue.code === 'too_small' && issue.origin === 'string'
        ? 'must not be empty'
        : issue.message.replace(/^Invalid (input|option): /, '');
  return `${formatPath(issue.path)}: ${message}`;
}
