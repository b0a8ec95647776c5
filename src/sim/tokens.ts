/** Registered SSWS API tokens and issued OAuth access tokens, and who each one acts as. */
import { randomBytes } from 'node:crypto';
import { invalidToken } from './errors.ts';
import type { Caller } from './router.ts';
import type { PrincipalType, SimStore } from './store.ts';

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

  /** What the token's owner holds: any admin role, SUPER_ADMIN, a custom role with okta.iam.read. */
  private owner(principalType: PrincipalType, principalId: string) {
    const active = this.store.activeAssignments(principalType, principalId);
    return {
      admin: active.length > 0,
      superAdmin: active.some((a) => a.type === 'SUPER_ADMIN'),
      iamRead: this.store.holdsPermission(principalType, principalId, 'okta.iam.read'),
    };
  }

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
          ...this.owner('USER', user.id),
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
          ...this.owner('CLIENT', access.clientId),
        };
      }
    }
    throw invalidToken();
  }
}
