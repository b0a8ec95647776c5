/** Deterministic Okta-looking ids the simulator derives (assignments, resources, binding members). */
import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `prefix` + base62 of sha256(parts) so the id is 20 characters long, like Okta's. */
export function derivedId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = prefix;
  for (let i = 0; out.length < 20; i++) out += BASE62[(digest[i % digest.length] ?? 0) % 62];
  return out;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Unpadded RFC 4648 Base32, as Okta uses for some role-assignment ids (APP_ADMIN -> IFIFAX2BIRGUSTQ). */
export function base32(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
