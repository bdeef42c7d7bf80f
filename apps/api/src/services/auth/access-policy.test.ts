import { describe, expect, it } from 'vitest';
import { AccessRefusedError, decideAccessPolicy, isLoopback } from './access-policy.ts';

describe('decideAccessPolicy', () => {
  const base = { userCount: 0, host: '127.0.0.1', sharedDatabase: false, insecureOpen: false };

  it('tells loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.3.4.5', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.4', '10.0.0.1', 'example.org', '128.0.0.1']) expect(isLoopback(host), host).toBe(false);
  });

  it('runs open on loopback with no users (the embedded default), saying so in one line', () => {
    const { policy, line } = decideAccessPolicy(base);
    expect(policy).toEqual({ kind: 'open', why: 'loopback' });
    expect(line).toMatch(/^access: open/);
    expect(line).not.toContain('\n');
  });

  it('refuses another bind address or a shared database with no users, naming the way out', () => {
    for (const facts of [{ ...base, host: '0.0.0.0' }, { ...base, sharedDatabase: true }]) {
      expect(() => decideAccessPolicy(facts)).toThrow(AccessRefusedError);
      expect(() => decideAccessPolicy(facts)).toThrow(/classfit user add.*--insecure-open/);
    }
  });

  it('runs open there only with --insecure-open, and says it loudly', () => {
    const { policy, line } = decideAccessPolicy({ ...base, host: '0.0.0.0', sharedDatabase: true, insecureOpen: true });
    expect(policy).toEqual({ kind: 'open', why: 'insecure-open' });
    expect(line).toMatch(/OPEN TO EVERYONE.*0\.0\.0\.0.*DATABASE_URL/);
  });

  it('requires tokens once a user exists, wherever it listens', () => {
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      expect(decideAccessPolicy({ ...base, host, userCount: 2, insecureOpen: true }).policy).toEqual({ kind: 'tokens' });
    }
  });
});
