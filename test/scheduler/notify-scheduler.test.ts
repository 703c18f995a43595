import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createNotificationScheduler } from '../../src/scheduler/schedule-notifications.ts';

describe('notification scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when many calls are scored within 30 s, then the notifications run once at once and once more 30 s later', async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createNotificationScheduler({ run, minIntervalMs: 30_000, onError: () => undefined, now: () => Date.now() });

    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) scheduler.request();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(2);
    await scheduler.stop();
  });

  it('when a run fails, then the error is reported and the next request runs again', async () => {
    const errors: unknown[] = [];
    const run = vi.fn(async () => {
      throw new Error('database is locked');
    });
    const scheduler = createNotificationScheduler({
      run,
      minIntervalMs: 30_000,
      onError: (error) => errors.push(error),
      now: () => Date.now(),
    });

    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(30_000);

    expect(run).toHaveBeenCalledTimes(2);
    expect(errors.map(String)).toEqual(['Error: database is locked', 'Error: database is locked']);
    await scheduler.stop();
  });

  it('when stopped, then a waiting run is cancelled', async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createNotificationScheduler({ run, minIntervalMs: 30_000, onError: () => undefined, now: () => Date.now() });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request();
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('when a run is asked for at once within the interval, then it runs at once, not 30 s later', async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createNotificationScheduler({ run, minIntervalMs: 30_000, onError: () => undefined, now: () => Date.now() });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);

    scheduler.runNow();
    await vi.advanceTimersByTimeAsync(0);

    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(2);
    await scheduler.stop();
  });

  it('when a run is asked for at once while one is under way, then it runs as soon as that one ends', async () => {
    let finish: () => void = () => undefined;
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const scheduler = createNotificationScheduler({ run, minIntervalMs: 30_000, onError: () => undefined, now: () => Date.now() });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);

    scheduler.runNow();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);

    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await scheduler.stop();
  });
});

describe('notification scheduler: settled', () => {
  it('when a run is due now or under way, then settled() resolves after it ends; a run waiting out the interval is not waited for', async () => {
    let release: () => void = () => {};
    const events: string[] = [];
    const run = vi.fn(async () => {
      events.push('run started');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('run ended');
    });
    const scheduler = createNotificationScheduler({ run, minIntervalMs: 30_000, onError: () => undefined });
    scheduler.request();
    const settled = scheduler.settled().then(() => events.push('settled'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['run started']);
    release();
    await settled;
    expect(events).toEqual(['run started', 'run ended', 'settled']);

    // Asked again within the interval: the run waits 30 s, and settled() does not.
    scheduler.request();
    await scheduler.settled();
    expect(run).toHaveBeenCalledTimes(1);
    await scheduler.stop();
  });
});
