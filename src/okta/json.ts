/**
 * Readers for Okta's JSON (raw answers, or SDK models read structurally): each takes anything and
 * never throws, so a missing or odd field reads as empty rather than failing the whole answer.
 */

export type Json = Record<string, unknown>;

/** The value as an object; {} for anything else (null, a string, ...). */
export const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};

/** The value when it is a string; null otherwise. */
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The value when it is a string; `fallback` (default '') otherwise. */
export const text = (value: unknown, fallback = ''): string => str(value) ?? fallback;
