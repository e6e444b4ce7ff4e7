import {labSpeedEnv} from '../contract.js';

/** The lab's speed factor from `MKE_RUNBOOK_LAB_SPEED` (1 = realistic but short, 0 = instant). */
export function labSpeed(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[labSpeedEnv] ?? '1');
  return Number.isFinite(value) && value >= 0 ? value : 1;
}

/** Timers that can all be cancelled when the lab stops. */
export type Clock = {
  /** Runs `task` after `ms` × speed (on the next turn when the product is 0). */
  readonly after: (ms: number, task: () => void) => void;
  /** Resolves after `ms` × speed, or at once when the clock is stopped. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly stopped: () => boolean;
  readonly stop: () => void;
};

/** A clock scaled by `speed`, read at each timer (so the lab's speed can change while it runs). */
export function createClock(speed: number | (() => number)): Clock {
  const factor = typeof speed === 'number' ? () => speed : speed;
  const timers = new Set<NodeJS.Timeout>();
  const wakers = new Set<() => void>();
  let isStopped = false;
  function after(ms: number, task: () => void): void {
    if (isStopped) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (!isStopped) task();
      },
      Math.round(ms * Math.max(0, factor())),
    );
    timers.add(timer);
  }

  return {
    after,
    sleep: async (ms) =>
      new Promise<void>((resolve) => {
        if (isStopped) {
          resolve();
          return;
        }

        wakers.add(resolve);
        after(ms, () => {
          wakers.delete(resolve);
          resolve();
        });
      }),
    stopped: () => isStopped,
    stop() {
      isStopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const wake of wakers) wake();
      wakers.clear();
    },
  };
}
