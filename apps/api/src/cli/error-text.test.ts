import { describe, expect, it } from 'vitest';
import { errorText } from './error-text.ts';

describe('errorText', () => {
  it('appends what each cause adds', () => {
    const driver = new Error('canceling statement due to lock timeout');
    const wrapped = new Error('Failed query: select 1\nparams: 5', { cause: driver });
    expect(errorText(wrapped)).toBe('Failed query: select 1\nparams: 5 — cause: canceling statement due to lock timeout');
  });

  it('does not repeat a cause the message already contains', () => {
    const cause = new Error('ENOENT: no such file');
    expect(errorText(new Error('cannot read x: ENOENT: no such file', { cause }))).toBe('cannot read x: ENOENT: no such file');
  });

  it('prints non-Error values', () => {
    expect(errorText('plain')).toBe('plain');
  });
});
