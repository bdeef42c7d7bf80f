import { InvalidArgumentError } from '../errors/index.ts';

/** The `.npy` magic string: \x93NUMPY. */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

/** What a `.npy` header says, before the dtype is checked against what classfit supports. */
export interface NpyHeader {
  /** numpy's dtype string, e.g. '<f4'; a structured dtype is reported as its printed form. */
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data from the start of the file. */
  dataOffset: number;
}

/**
 * Parses the magic, version, and header dict of a `.npy` file (format versions 1, 2 and 3).
 * @param bytes the whole file
 * @param name file name, used as the error's parameter
 * Throws `InvalidArgumentError(name, …)` on bad magic, unknown version or a malformed header.
 */
export function parseNpyHeader(bytes: Uint8Array, name: string): NpyHeader {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InvalidArgumentError(name, 'is not a .npy file: expected the magic bytes \\x93NUMPY at the start');
  }
  const major = bytes[6];
  if (major !== 1 && major !== 2 && major !== 3) {
    throw new InvalidArgumentError(name, `has .npy format version ${major}.${bytes[7]}; expected 1.0, 2.0 or 3.0`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new InvalidArgumentError(name, 'is truncated inside the .npy header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  const dataOffset = start + headerLength;
  if (bytes.length < dataOffset) {
    throw new InvalidArgumentError(name, `is truncated: header says ${headerLength} bytes, file has ${bytes.length - start}`);
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, dataOffset));
  let dict: unknown;
  try {
    dict = new LiteralParser(text).parseTop();
  } catch (error) {
    throw new InvalidArgumentError(name, `has a malformed .npy header ${JSON.stringify(text.trim())}: ${(error as Error).message}`);
  }
  return { ...checkHeaderDict(dict, text, name), dataOffset };
}

function checkHeaderDict(dict: unknown, text: string, name: string): Omit<NpyHeader, 'dataOffset'> {
  const bad = (why: string) => new InvalidArgumentError(name, `has a malformed .npy header ${JSON.stringify(text.trim())}: ${why}`);
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) throw bad('expected a dict');
  const { descr, fortran_order: fortran, shape } = dict as Record<string, unknown>;
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw bad("expected the keys 'descr', 'fortran_order' and 'shape'");
  }
  if (typeof fortran !== 'boolean') throw bad('fortran_order must be True or False');
  if (!Array.isArray(shape) || !shape.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) {
    throw bad('shape must be a tuple of non-negative integers');
  }
  return { descr: typeof descr === 'string' ? descr : JSON.stringify(descr), fortranOrder: fortran, shape: shape as number[] };
}

/**
 * Formats a version-1 header (version 2 if it would not fit), padded with spaces so the data
 * starts at a multiple of 64 bytes, as numpy writes it.
 * @returns the magic, version, length and header dict [dataOffset bytes]
 */
export function formatNpyHeader(descr: string, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  for (const major of [1, 2]) {
    const prefix = 8 + (major === 1 ? 2 : 4);
    const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
    const headerLength = total - prefix;
    if (major === 1 && headerLength > 0xffff) continue;
    const out = new Uint8Array(total);
    out.set(NPY_MAGIC, 0);
    out[6] = major;
    out[7] = 0;
    const view = new DataView(out.buffer);
    if (major === 1) view.setUint16(8, headerLength, true);
    else view.setUint32(8, headerLength, true);
    const padded = dict.padEnd(headerLength - 1, ' ') + '\n';
    for (let i = 0; i < padded.length; i++) out[prefix + i] = padded.charCodeAt(i);
    return out;
  }
  throw new Error('unreachable: a version-2 header always fits');
}

/**
 * A recursive-descent parser for the Python literals a `.npy` header may hold:
 * dicts, tuples, lists, quoted strings, integers, True/False/None.
 */
class LiteralParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseTop(): unknown {
    const value = this.parseValue();
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Error(`unexpected ${JSON.stringify(this.text[this.pos])} at ${this.pos}`);
    return value;
  }

  private parseValue(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.parseDict();
    if (c === '(') return this.parseSequence(')');
    if (c === '[') return this.parseSequence(']');
    if (c === "'" || c === '"') return this.parseString();
    const word = /^(True|False|None|-?\d+)/.exec(this.text.slice(this.pos));
    if (!word) throw new Error(`unexpected ${c === undefined ? 'end' : JSON.stringify(c)} at ${this.pos}`);
    this.pos += word[0].length;
    return word[0] === 'True' ? true : word[0] === 'False' ? false : word[0] === 'None' ? null : Number(word[0]);
  }

  private parseDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) return out;
      const key = this.parseValue();
      if (typeof key !== 'string') throw new Error(`dict key must be a string at ${this.pos}`);
      this.skipSpace();
      if (!this.eat(':')) throw new Error(`expected ':' at ${this.pos}`);
      out[key] = this.parseValue();
      this.skipSpace();
      if (!this.eat(',') && this.text[this.pos] !== '}') throw new Error(`expected ',' or '}' at ${this.pos}`);
    }
  }

  private parseSequence(close: string): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.eat(close)) return out;
      out.push(this.parseValue());
      this.skipSpace();
      if (!this.eat(',') && this.text[this.pos] !== close) throw new Error(`expected ',' or '${close}' at ${this.pos}`);
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos++];
    const end = this.text.indexOf(quote, this.pos);
    if (end < 0) throw new Error('unterminated string');
    const value = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return value;
  }

  private eat(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
}
