import { describe, expect, it } from 'vitest';
import { csvField, csvLine, toCsv } from '@classfit/wire/csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['x', 1, null, undefined, true])).toBe('x,1,,,true\r\n');
  });

  it('writes numbers in shortest round-trip form, negative ones unguarded', () => {
    expect(csvField(-0.1 - 0.2)).toBe('-0.30000000000000004');
    expect(Number(csvField(-1e-300))).toBe(-1e-300);
    expect(csvField([-1, 2.5, null])).toBe('-1;2.5;');
  });

  it('guards text a spreadsheet would run as a formula', () => {
    for (const text of ['=SUM(A1:A9)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(csvField(text).replace(/^"|"$/g, '')).toBe(`'${text}`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(['=a', 'b'])).toBe("'=a;b");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes dates as ISO 8601 and a document with a header from the first row', () => {
    expect(csvField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
    expect(toCsv([{ a: 1, b: 'x' }, { a: 2 }])).toBe('a,b\r\n1,x\r\n2,\r\n');
    expect(toCsv([{ a: 1, b: 2 }], ['b', 'a'])).toBe('b,a\r\n2,1\r\n');
    expect(toCsv([])).toBe('\r\n');
  });

  // moved from apps/api/src/server/csv.test.ts and apps/web/src/lib/csv.test.ts
  it('writes empty fields for missing values, joins arrays, keeps full number precision', () => {
    expect(csvLine([null, undefined, ['a', 'b'], 0.1 + 0.2, -1e-300])).toBe(',,a;b,0.30000000000000004,-1e-300\r\n');
  });

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
