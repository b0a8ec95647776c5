/**
 * The `search-lag` variant: Okta's `search` reads an eventually consistent index, so an object
 * changed seconds ago can be missing from a search while a read by id finds it. The lagging
 * objects are a fixed, documented subset, so tests can name them:
 * - every user or group whose id ends in one of LAGGING_LAST_CHARACTERS (about one in five
 *   random Okta ids), and
 * - the demo org's user super.direct@demo.example and group "Okta Super Admins".
 */
import type { SnapshotGroup, SnapshotUser } from './snapshot-format.ts';

/** Last characters whose char code is a multiple of 5: 13 of the 62 base62 characters. */
export const LAGGING_LAST_CHARACTERS = '27AFKPUZdinsx';

export const LAGGING_LOGINS: readonly string[] = ['super.direct@demo.example'];
export const LAGGING_GROUP_NAMES: readonly string[] = ['Okta Super Admins'];

function lastCharacterLags(id: string): boolean {
  return LAGGING_LAST_CHARACTERS.includes(id.at(-1) ?? '');
}

export function userLags(user: SnapshotUser): boolean {
  return lastCharacterLags(user.id) || LAGGING_LOGINS.includes(user.profile.login.toLowerCase());
}

export function groupLags(group: SnapshotGroup): boolean {
  return lastCharacterLags(group.id) || LAGGING_GROUP_NAMES.includes(group.profile.name);
}
