/** Registered SSWS API tokens and issued OAuth access tokens, and who each one acts as. */
import { randomBytes } from 'node:crypto';
import { invalidToken } from './errors.ts';
import type { Caller } from './router.ts';
import type { SimStore } from './store.ts';

interface AccessToken {
  clientId: string;
  scopes: ReadonlySet<string>;
  /** Epoch ms. */
  expiresAt: number;
}

export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export class TokenRegistry {
  private readonly ssws = new Map<string, string>();
  private readonly bearer = new Map<string, AccessToken>();

  constructor(private readonly store: SimStore) {}

  /** Registers `token` (or a new random one) for a user; returns the token. */
  registerApiToken(userId: string, token = randomToken('00')): string {
    this.ssws.set(token, userId);
    return token;
  }

  issueAccessToken(clientId: string, scopes: string[], lifetimeSeconds: number): string {
    const token = randomToken('eyJsim.');
    this.bearer.set(token, {
      clientId,
      scopes: new Set(scopes),
      expiresAt: Date.now() + lifetimeSeconds * 1000,
    });
    return token;
  }

  /** The caller an Authorization header acts as; throws 401 E0000011 for anything else. */
  resolve(authorization: string | undefined): Caller {
    const [scheme, token] = (authorization ?? '').split(/\s+/, 2);
    if (scheme === 'SSWS' && token) {
      const userId = this.ssws.get(token);
      const user = userId ? this.store.user(userId) : undefined;
      if (user && user.status === 'ACTIVE') {
        return {
          auth: 'SSWS',
          principalType: 'USER',
          principalId: user.id,
          admin: this.store.isAdmin('USER', user.id),
        };
      }
    }
    if (scheme === 'Bearer' && token) {
      const access = this.bearer.get(token);
      if (access && access.expiresAt > Date.now()) {
        return {
          auth: 'Bearer',
          principalType: 'CLIENT',
          principalId: access.clientId,
          scopes: access.scopes,
          admin: this.store.isAdmin('CLIENT', access.clientId),
        };
      }
    }
    throw invalidToken();
  }
}
