import type { OrgInfo } from './iam/model.ts';
import type { LumosRuleSet } from './iam/readiness/rule-set.ts';
import type { RolePermissionTable } from './iam/role-permission-table.ts';
import type { GatewayAccessCheck } from './okta/access-check.ts';
import type { OktaDirectory } from './okta/directory.ts';
import type { Loaders } from './okta/loaders.ts';

/** Who is calling: an API key's short fingerprint, or anonymous when keys are off. */
export interface Caller {
  /** First 8 hex characters of the key's sha256; null when the gateway runs without keys. */
  keyFingerprint: string | null;
}

/** What every request shares: built once by main.ts (or a test) and handed to createGateway. */
export interface ContextDeps {
  /** The (cached) directory every request reads through. */
  directory: OktaDirectory;
  /** Builds the per-request DataLoaders over the directory. */
  createLoaders: (directory: OktaDirectory) => Loaders;
  roleTable: RolePermissionTable;
  ruleSet: LumosRuleSet;
  /** What the gateway's own credential can read, probed against Okta and kept briefly. */
  accessCheck: GatewayAccessCheck;
  /** Builds a request's `once`. Default memoOnce: one run per key for the request's life. */
  createOnce?: () => Once;
}

/** Runs `load` for `key`, or shares what an earlier call with that key started. */
export type Once = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** A fresh per-request memo: the first call with a key runs its load, later callers share the promise. */
export function memoOnce(): Once {
  const memo = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      memo.set(key, hit);
    }
    return hit;
  };
}

/** The per-request context: loaders, shared deps, and a per-request memo for catalog lists. */
export interface GatewayContext extends ContextDeps {
  loaders: Loaders;
  requestId: string;
  caller: Caller;
  /** Runs `load` once per request per key; later callers share the promise. */
  once: Once;
  /** The org, read once per request (cached across requests by the directory). */
  org(): Promise<OrgInfo>;
}

export function createContext(deps: ContextDeps, requestId: string, caller: Caller): GatewayContext {
  const once = (deps.createOnce ?? memoOnce)();
  return {
    ...deps,
    loaders: deps.createLoaders(deps.directory),
    requestId,
    caller,
    once,
    org: () => once('org', () => deps.directory.getOrg()),
  };
}
