import { describe, expect, it } from 'vitest';
import { ServerBusyError } from '../errors.ts';
import { createWorkGate } from './work-gate.ts';

describe('the scoring work gate', () => {
  it('runs at most `concurrency` at once, in arrival order, and refuses past `maxWaiting`', async () => {
    const gate = createWorkGate({ concurrency: 1, maxWaiting: 2 });
    const events: string[] = [];
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = (name: string) =>
      gate.run(async () => {
        peak = Math.max(peak, gate.state().running);
        events.push(`start ${name}`);
        await new Promise<void>((resolve) => releases.push(resolve));
        events.push(`end ${name}`);
        return name;
      });
    const a = job('a');
    const b = job('b');
    const c = job('c');
    await expect(job('d')).rejects.toBeInstanceOf(ServerBusyError);
    expect(gate.state()).toEqual({ running: 1, waiting: 2 });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()!();
    }
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(peak).toBe(1);
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses one that waited longer than maxWaitMs, and the queue moves on', async () => {
    const gate = createWorkGate({ concurrency: 1, maxWaiting: 4, maxWaitMs: 20 });
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const late = gate.run(async () => 'late');
    await expect(late).rejects.toBeInstanceOf(ServerBusyError);
    expect(gate.state()).toEqual({ running: 1, waiting: 0 });
    const next = gate.run(async () => 'next');
    release();
    expect(await Promise.all([first, next])).toEqual(['first', 'next']);
  });

  it('frees its slot when the work throws', async () => {
    const gate = createWorkGate({ concurrency: 1, maxWaiting: 0 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 42)).toBe(42);
  });
});
