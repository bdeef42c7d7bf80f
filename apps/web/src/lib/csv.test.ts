import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and quotes only what needs quoting', () => {
    const csv = toCsv([
      { name: 'apple', value: 1.5 },
      { name: 'say "hi", ok', value: null },
    ]);
    expect(csv).toBe('name,value\r\napple,1.5\r\n"say ""hi"", ok",\r\n');
  });

  it('follows the given column order and leaves missing keys empty', () => {
    expect(toCsv([{ b: 2, a: 1 }], ['a', 'b', 'c'])).toBe('a,b,c\r\n1,2,\r\n');
  });
});
