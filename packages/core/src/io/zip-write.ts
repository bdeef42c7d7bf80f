/**
 * Writes a zip archive of stored (uncompressed) entries as a stream of byte pieces, so an archive is never held
 * in memory whole: each entry's data is passed twice, once for its CRC-32 and once to write it. numpy's `np.load`
 * reads the result as a `.npz`. Archives must stay below 4 GiB (zip64 is read by `openZip` but not written here).
 */
import { InvalidArgumentError } from '../errors/index.ts';
import { crc32 } from './crc32.ts';

/** One entry: its name, its exact size and its data as pieces (called twice; must give the same bytes). */
export interface ZipEntrySource {
  readonly name: string;
  readonly size: number;
  pieces(): Iterable<Uint8Array>;
}

const LIMIT = 0xffffffff;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1; // a fixed timestamp keeps archives byte-identical
const UTF8_NAMES = 0x0800;

/**
 * The archive's bytes, in pieces of about `pieceSize` (small pieces are joined, large ones pass through).
 * Throws `InvalidArgumentError('entries', …)` for a name twice, a size that does not match the pieces, or an
 * archive of 4 GiB or more.
 */
export function* storedZipPieces(entries: Iterable<ZipEntrySource>, pieceSize = 1 << 22): Generator<Uint8Array> {
  const central: Uint8Array[] = [];
  const names = new Set<string>();
  const buffer = new PieceBuffer(pieceSize);
  let offset = 0;
  for (const entry of entries) {
    if (names.has(entry.name)) throw new InvalidArgumentError('entries', `holds the name '${entry.name}' twice`);
    names.add(entry.name);
    let crc = 0;
    let size = 0;
    for (const piece of entry.pieces()) {
      crc = crc32(piece, crc);
      size += piece.length;
    }
    if (size !== entry.size) throw new InvalidArgumentError('entries', `'${entry.name}' declares ${entry.size} bytes but has ${size}`);
    const name = new TextEncoder().encode(entry.name);
    if (offset + 30 + name.length + size >= LIMIT) throw new InvalidArgumentError('entries', 'make an archive of 4 GiB or more, which needs zip64 (not written)');
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    writeCommon(lv, 6, crc, size);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    writeCommon(cv, 8, crc, size);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    central.push(record);
    yield* buffer.add(local);
    for (const piece of entry.pieces()) yield* buffer.add(piece);
    offset += local.length + size;
  }
  const directorySize = central.reduce((s, r) => s + r.length, 0);
  if (central.length >= 0xffff || offset + directorySize + 22 >= LIMIT) throw new InvalidArgumentError('entries', 'need zip64 (too many entries or ≥ 4 GiB), which is not written');
  for (const record of central) yield* buffer.add(record);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  yield* buffer.add(end);
  yield* buffer.flush();
}

/** flags, method (0: stored), time, date, CRC, compressed and uncompressed size: the fields both headers share. */
function writeCommon(view: DataView, at: number, crc: number, size: number): void {
  view.setUint16(at, UTF8_NAMES, true);
  view.setUint16(at + 2, 0, true);
  view.setUint16(at + 4, 0, true);
  view.setUint16(at + 6, DOS_DATE_1980_01_01, true);
  view.setUint32(at + 8, crc, true);
  view.setUint32(at + 12, size, true);
  view.setUint32(at + 16, size, true);
}

/** Joins small pieces into one buffer of `size` bytes so a file write is not one system call per piece. */
class PieceBuffer {
  private readonly bytes: Uint8Array;
  private used = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  *add(piece: Uint8Array): Generator<Uint8Array> {
    if (piece.length >= this.bytes.length) {
      yield* this.flush();
      yield piece;
      return;
    }
    if (this.used + piece.length > this.bytes.length) yield* this.flush();
    this.bytes.set(piece, this.used);
    this.used += piece.length;
  }

  *flush(): Generator<Uint8Array> {
    // A copy: the consumer may hold the piece while this buffer is refilled.
    if (this.used > 0) yield this.bytes.slice(0, this.used);
    this.used = 0;
  }
}
