/**
 * Reads a JSON object of any size from a byte stream without building one string of it: each top-level member
 * is cut out of the bytes and decoded on its own with `JSON.parse`, and the members named in `streamedArrays`
 * (e.g. `classes`) are delivered one element at a time. So the only limit is the size of one member or element,
 * not of the document (V8 caps a string at ~512 MB).
 *
 * The scanner only tracks structure (`{ } [ ] " \` and commas at depth 0); the decoding of each piece, with its
 * syntax checks, is `JSON.parse`'s. UTF-8 needs no care: every structural byte is ASCII and no byte of a
 * multi-byte character is below 0x80.
 */

/** What the scanner hands back, in document order. */
export interface JsonObjectStreamHandlers {
  /** A member not in `streamedArrays`, decoded. */
  member(key: string, value: unknown): void;
  /** The streamed array member `key` begins (its elements follow through `element`). */
  streamedArray?(key: string): void;
  /** Element `index` of the streamed array member `key`, decoded. */
  element(key: string, index: number, value: unknown): void;
}

/** Raised for bytes that are not one JSON object; `offset` is the byte where it went wrong. */
export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
  }
}

const enum Byte { Quote = 0x22, Backslash = 0x5c, Comma = 0x2c, Colon = 0x3a, OpenBrace = 0x7b, CloseBrace = 0x7d, OpenBracket = 0x5b, CloseBracket = 0x5d }
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isScalarEnd = (b: number) => isSpace(b) || b === Byte.Comma || b === Byte.CloseBrace || b === Byte.CloseBracket;

type State = 'start' | 'keyOrEnd' | 'key' | 'colon' | 'value' | 'arrayOpen' | 'afterValue' | 'elementOrEnd' | 'element' | 'afterElement' | 'done';

/** Collects the bytes of one JSON value (container, string or scalar) across chunks. */
class ValueCapture {
  private pieces: Uint8Array[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private kind: 'container' | 'string' | 'scalar' = 'scalar';
  private started = false;

  /** Consumes bytes of `chunk` from `from`; returns the index after the value's last byte, or -1 if it goes on. */
  feed(chunk: Uint8Array, from: number): number {
    let i = from;
    if (!this.started) {
      this.started = true;
      const first = chunk[i];
      this.kind = first === Byte.OpenBrace || first === Byte.OpenBracket ? 'container' : first === Byte.Quote ? 'string' : 'scalar';
      if (this.kind === 'string') {
        this.inString = true;
        i++;
      }
    }
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === Byte.Backslash) this.escaped = true;
        else if (b === Byte.Quote) {
          this.inString = false;
          if (this.kind === 'string') return this.finish(chunk, from, i + 1);
        }
      } else if (this.kind === 'scalar') {
        if (isScalarEnd(b)) return this.finish(chunk, from, i);
      } else if (b === Byte.Quote) this.inString = true;
      else if (b === Byte.OpenBrace || b === Byte.OpenBracket) this.depth++;
      else if (b === Byte.CloseBrace || b === Byte.CloseBracket) {
        if (--this.depth === 0) return this.finish(chunk, from, i + 1);
      }
    }
    this.pieces.push(chunk.subarray(from));
    return -1;
  }

  private finish(chunk: Uint8Array, from: number, end: number): number {
    this.pieces.push(chunk.subarray(from, end));
    return end;
  }

  text(): string {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let out = '';
    for (let p = 0; p < this.pieces.length; p++) out += decoder.decode(this.pieces[p], { stream: p < this.pieces.length - 1 });
    return out;
  }
}

/**
 * Scans one JSON object from `chunks`, calling `handlers` for every member (and every element of the members
 * named in `streamedArrays`).
 * Throws {@link JsonStreamError} if the bytes are not a single JSON object (or a streamed member is not an array),
 * and rethrows `JSON.parse`'s SyntaxError (with the member's name) for a malformed member.
 */
export async function scanJsonObject(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  streamedArrays: ReadonlySet<string>,
  handlers: JsonObjectStreamHandlers,
): Promise<void> {
  let state: State = 'start';
  let key = '';
  let index = 0;
  let afterComma = false; // a ',' was read, so '}' or ']' may not follow
  let capture: ValueCapture | null = null;
  let offset = 0; // bytes of the stream before the current chunk
  const decode = (what: string, c: ValueCapture): unknown => {
    try {
      return JSON.parse(c.text());
    } catch (error) {
      throw new SyntaxError(`${what}: ${(error as Error).message}`);
    }
  };
  const deliver = (c: ValueCapture) => {
    if (state === 'key') key = decode('a member name', c) as string;
    else if (state === 'value') handlers.member(key, decode(`member "${key}"`, c));
    else handlers.element(key, index, decode(`${key}[${index}]`, c));
  };

  for await (const chunk of chunks) {
    let i = 0;
    while (i < chunk.length) {
      if (capture) {
        const end = capture.feed(chunk, i);
        if (end < 0) break;
        deliver(capture);
        capture = null;
        i = end;
        if (state === 'element') index++;
        state = state === 'key' ? 'colon' : state === 'value' ? 'afterValue' : 'afterElement';
        afterComma = false;
        continue;
      }
      const b = chunk[i];
      if (isSpace(b)) {
        i++;
        continue;
      }
      const fail = (expected: string): never => {
        throw new JsonStreamError(`expected ${expected}, found ${JSON.stringify(String.fromCharCode(b))}`, offset + i);
      };
      switch (state) {
        case 'start':
          if (b !== Byte.OpenBrace) fail("'{'");
          state = 'keyOrEnd';
          i++;
          break;
        case 'keyOrEnd':
          if (b === Byte.CloseBrace && !afterComma) {
            state = 'done';
            i++;
          } else if (b === Byte.Quote) {
            state = 'key';
            capture = new ValueCapture();
          } else fail(afterComma ? 'a member name' : "a member name or '}'");
          break;
        case 'colon':
          if (b !== Byte.Colon) fail("':'");
          state = streamedArrays.has(key) ? 'arrayOpen' : 'value';
          i++;
          break;
        case 'value':
          capture = new ValueCapture();
          break;
        case 'arrayOpen':
          if (b !== Byte.OpenBracket) throw new JsonStreamError(`member "${key}" must be an array`, offset + i);
          state = 'elementOrEnd';
          index = 0;
          afterComma = false;
          handlers.streamedArray?.(key);
          i++;
          break;
        case 'afterValue':
          if (b === Byte.Comma) state = 'keyOrEnd';
          else if (b === Byte.CloseBrace) state = 'done';
          else fail("',' or '}'");
          afterComma = b === Byte.Comma;
          i++;
          break;
        case 'elementOrEnd':
          if (b === Byte.CloseBracket && !afterComma) {
            state = 'afterValue';
            i++;
          } else if (b === Byte.CloseBracket) fail('an element after the comma');
          else {
            state = 'element';
            capture = new ValueCapture();
          }
          break;
        case 'afterElement':
          if (b === Byte.Comma) state = 'elementOrEnd';
          else if (b === Byte.CloseBracket) state = 'afterValue';
          else fail("',' or ']'");
          afterComma = b === Byte.Comma;
          i++;
          break;
        default: // 'done'
          fail('the end of the document');
      }
    }
    offset += chunk.length;
  }
  if (state !== 'done') throw new JsonStreamError('unexpected end of the document', offset);
}
