/**
 * A leader among the replicas, by a Redis lease: the holder renews it every third of its ttl; when
 * it stops renewing (it died, or lost Redis while the others kept it), the lease expires and the
 * next replica to try takes it. Used so that one replica only follows the System Log.
 *
 * While Redis is out of reach the leader stays leader (no one can take over, and its work keeps its
 * own cache fresh); the others stay followers. When Redis is back, the lease decides again: a
 * replica that finds it held by another steps down.
 */
import type { RedisLink } from './redis-link.ts';

export interface LeaderLeaseOptions {
  /** Lease ttl, ms. Default 15000: a dead leader is replaced within that. */
  ttlMs?: number;
  /** This replica became the leader. */
  onLead: () => void;
  /** This replica stopped being the leader (lease lost, or stop()). */
  onFollow: () => void;
}

export interface LeaderLease {
  isLeader(): boolean;
  /** Gives the lease up (if held) and stops trying. */
  stop(): Promise<void>;
}

export function startLeaderLease(link: RedisLink, key: string, options: LeaderLeaseOptions): LeaderLease {
  const ttlMs = options.ttlMs ?? 15_000;
  let leader = false;
  let stopped = false;
  let trying: Promise<void> | null = null;

  const become = (next: boolean) => {
    if (next === leader || stopped) return;
    leader = next;
    if (next) options.onLead();
    else options.onFollow();
  };

  const attempt = () => {
    if (stopped || !link.up()) return Promise.resolve();
    trying ??= link
      .run('holdLease', [key], [link.replicaId, ttlMs])
      .then(
        (held) => become(held === 1),
        (error: unknown) => link.failed(error),
      )
      .finally(() => {
        trying = null;
      });
    return trying;
  };

  const timer = setInterval(() => void attempt(), Math.max(100, Math.floor(ttlMs / 3)));
  timer.unref();
  link.onChange((up) => {
    if (up) void attempt();
  });
  void attempt();

  return {
    isLeader: () => leader,
    async stop() {
      clearInterval(timer);
      await trying;
      const wasLeader = leader;
      become(false);
      stopped = true;
      if (wasLeader && link.up()) {
        await link
          .run('releaseIfOwner', [key], [link.replicaId])
          .catch((error: unknown) => link.failed(error));
      }
    },
  };
}
