import { describe, expect, it } from 'vitest';
import { JsonStreamError, scanJsonObject } from './json-object-stream.ts';

/** The document cut into pieces of `size` bytes (1 = byte by byte: every state must survive a chunk boundary). */
function* chunks(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Rebuilds the object from what the scanner hands back. */
async function scan(text: string, size: number, streamed = ['items']): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  await scanJsonObject(chunks(text, size), new Set(streamed), {
    member: (key, value) => (out[key] = value),
    streamedArray: (key) => (out[key] = []),
    element: (key, index, value) => {
      expect(index).toBe((out[key] as unknown[]).length);
      (out[key] as unknown[]).push(value);
    },
  });
  return out;
}

const tricky = {
  a: 'quote " bracket ] brace } comma , backslash \\ and unicode é € 😀',
  n: -1.25e-300,
  t: true,
  z: null,
  nested: { list: [[1, 2], [], { '}': '[' }], s: '\\"' },
  items: [{ name: 'x]"}', v: [1, 2, 3] }, 42, 'str,ing', [], { deep: [{ deeper: [0] }] }, -0.5, false],
  last: 7,
};

describe('scanJsonObject', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])('gives back what JSON.parse gives, in chunks of %i bytes', async (size) => {
    const text = JSON.stringify(tricky, null, size === 3 ? 2 : undefined);
    expect(await scan(text, size)).toEqual(JSON.parse(text));
  });

  it('streams any member named, in any position, and empty arrays', async () => {
    const text = '{"items":[],"b":{"items":[1]},"more":[ 1 , {"x":[2]} ]}';
    expect(await scan(text, 1, ['items', 'more'])).toEqual(JSON.parse(text));
    expect(await scan('{}', 1)).toEqual({});
  });

  it.each([
    ['[1]', "expected '{'"],
    ['{"a" 1}', "expected ':'"],
    ['{"a":1,}', 'expected a member name'],
    ['{"a":1 "b":2}', "expected ',' or '}'"],
    ['{"items":[1,]}', 'expected an element after the comma'],
    ['{"items":{"a":1}}', 'member "items" must be an array'],
    ['{"items":[1 2]}', "expected ',' or ']'"],
    ['{"a":1}x', 'expected the end of the document'],
    ['{"a":[1,2', 'unexpected end of the document'],
    ['{"a":1', 'unexpected end of the document'],
  ])('rejects %s (%s)', async (text, message) => {
    const error = await scan(text, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonStreamError);
    expect((error as Error).message).toContain(message);
  });

  it('reports the byte offset, and a malformed member through JSON.parse naming the member', async () => {
    const error = (await scan('{"a":1 ,  ]', 4).catch((e: unknown) => e)) as JsonStreamError;
    expect(error.offset).toBe(10);
    const syntax = (await scan('{"a":[1,,2]}', 3).catch((e: unknown) => e)) as Error;
    expect(syntax).toBeInstanceOf(SyntaxError);
    expect(syntax.message).toContain('member "a"');
    const element = (await scan('{"items":[{"x":tru}]}', 5).catch((e: unknown) => e)) as Error;
    expect(element.message).toContain('items[0]');
  });
});
