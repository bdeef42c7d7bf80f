import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

describe('csv', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes empty fields for missing values, joins arrays, keeps full number precision', () => {
    expect(csvLine([null, undefined, ['a', 'b'], 0.1 + 0.2, -1e-300])).toBe(',,a;b,0.30000000000000004,-1e-300\r\n');
  });
});
