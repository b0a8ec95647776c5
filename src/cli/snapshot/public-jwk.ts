/** JWK members that hold private or symmetric key material (RFC 7518 section 6). */
const SECRET_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/**
 * The public half of a JWK. A snapshot never holds a secret, so private members are dropped
 * even if an org answered with them; a symmetric key (kty oct) has no public half: null.
 */
export function publicJwk(jwk: Record<string, unknown>): Record<string, unknown> | null {
  if (jwk['kty'] === 'oct') return null;
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !SECRET_JWK_MEMBERS.has(name)));
}
