/** Every route the simulator serves, in matching order. */
import type { Route } from './router.ts';
import { appRoutes } from './routes-apps.ts';
import { groupRoutes } from './routes-groups.ts';
import { iamRoutes } from './routes-iam.ts';
import { miscRoutes } from './routes-misc.ts';
import { userRoutes } from './routes-users.ts';

export const SIM_ROUTES: readonly Route[] = [
  ...userRoutes,
  ...groupRoutes,
  ...appRoutes,
  ...iamRoutes,
  ...miscRoutes,
];
