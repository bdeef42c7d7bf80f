import { RUN_LOG_LIMIT } from '@classfit/db';
import { describe, expect, it } from 'vitest';
import { createProgressLog, progressLogText } from './progress-log.ts';

const at = new Date('2024-05-01T12:34:56.789Z');

describe('progressLogText', () => {
  it('names phase, layer position, classes and message, never the sweep counters', () => {
    expect(progressLogText({ phase: 'svd' })).toBe('svd');
    expect(progressLogText({ phase: 'fit', layer: 'stage2', layerIndex: 1, layerCount: 4, classesDone: 3, classCount: 10, message: 'class 3', sweep: 7, totalSweeps: 40 }))
      .toBe('fit · layer stage2 (2/4) · 3/10 classes · class 3');
    expect(progressLogText({ phase: 'fit', layer: 'x', layerIndex: 0 })).toBe('fit · layer x');
  });
});

describe('createProgressLog', () => {
  it('adds a stamped line only when the text changes, and hands the pending lines over once', () => {
    const log = createProgressLog();
    expect(log.add({ phase: 'fit', message: 'class 0', sweep: 1 }, at)).toBe(true);
    expect(log.add({ phase: 'fit', message: 'class 0', sweep: 2 }, at)).toBe(false);
    expect(log.add({ phase: 'fit', message: 'class 1', sweep: 1 }, at)).toBe(true);
    log.note('succeeded', at);
    expect(log.take()).toEqual(['12:34:56 fit · class 0', '12:34:56 fit · class 1', '12:34:56 succeeded']);
    expect(log.take()).toEqual([]);
  });

  it('keeps the newest lines when more pile up than the store keeps, also after a failed write', () => {
    const log = createProgressLog();
    for (let i = 0; i < RUN_LOG_LIMIT + 5; i++) log.add({ phase: 'fit', message: `m${i}` }, at);
    const lines = log.take();
    expect(lines).toHaveLength(RUN_LOG_LIMIT);
    expect(lines[0]).toBe('12:34:56 fit · m5');
    log.add({ phase: 'store' }, at);
    log.restore(lines);
    const again = log.take();
    expect(again).toHaveLength(RUN_LOG_LIMIT);
    expect(again.at(-1)).toBe('12:34:56 store');
  });
});
