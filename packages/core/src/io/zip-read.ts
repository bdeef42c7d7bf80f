/**
 * Reads entries of a zip archive (`.npz`) at their offsets, one at a time, without loading the archive: the
 * central directory is read from the end of the file and each entry's data straight into a buffer of its own
 * (so typed-array views of a `.npy` entry's data are aligned). Stored and deflated entries, zip64 sizes and
 * offsets (numpy writes zip64 local headers) are understood; CRC-32 is checked.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateSync } from 'fflate';
import { InvalidArgumentError } from '../errors/index.ts';
import { crc32 } from './crc32.ts';

/** One entry of the central directory. */
export interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** An open archive; `close` it when done. */
export interface ZipReader {
  readonly entries: ReadonlyMap<string, ZipEntryInfo>;
  /** The entry's uncompressed bytes, at offset 0 of a buffer of their own. */
  read(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

const MAX_END_RECORD = 22 + 0xffff; // end-of-central-directory record plus the longest comment

/** Whether `path` starts like a zip archive ("PK\x03\x04", or "PK\x05\x06" when empty). */
export async function isZipFile(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  } catch {
    return false; // a missing file is reported by whichever reader is tried next
  } finally {
    await handle?.close();
  }
}

/**
 * Opens `path` and reads its central directory.
 * Throws `InvalidArgumentError(path, …)` for a missing file or bytes that are not a zip archive.
 */
export async function openZip(path: string): Promise<ZipReader> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InvalidArgumentError(path, 'no such file (expected a .npz archive)');
    throw error;
  }
  try {
    const entries = await readDirectory(handle, path);
    return {
      entries,
      read: (name) => readEntry(handle, path, entries, name),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await handle.read(out, done, Math.min(length - done, 1 << 30), position + done);
    if (bytesRead === 0) return out.subarray(0, done); // the file ends early; callers check sizes
    done += bytesRead;
  }
  return out;
}

async function readDirectory(handle: FileHandle, path: string): Promise<Map<string, ZipEntryInfo>> {
  const bad = (why: string) => new InvalidArgumentError(path, `is not a readable .npz (zip) archive: ${why}`);
  const fileSize = (await handle.stat()).size;
  const tailStart = Math.max(0, fileSize - MAX_END_RECORD);
  const tail = await readAt(handle, tailStart, fileSize - tailStart);
  const tv = new DataView(tail.buffer);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tv.getUint32(i, true) === 0x06054b50) { end = i; break; }
  if (end < 0) throw bad('no end-of-central-directory record');
  let count = tv.getUint16(end + 10, true);
  let directorySize = tv.getUint32(end + 12, true);
  let directoryOffset = tv.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    if (end < 20 || tv.getUint32(end - 20, true) !== 0x07064b50) throw bad('zip64 locator missing');
    const record = await readAt(handle, Number(tv.getBigUint64(end - 12, true)), 56);
    const rv = new DataView(record.buffer);
    if (rv.getUint32(0, true) !== 0x06064b50) throw bad('zip64 end record missing');
    count = Number(rv.getBigUint64(32, true));
    directorySize = Number(rv.getBigUint64(40, true));
    directoryOffset = Number(rv.getBigUint64(48, true));
  }
  if (directoryOffset + directorySize > fileSize) throw bad('central directory beyond the end of the file (truncated?)');
  const directory = await readAt(handle, directoryOffset, directorySize);
  const dv = new DataView(directory.buffer);
  const entries = new Map<string, ZipEntryInfo>();
  let at = 0;
  for (let e = 0; e < count; e++) {
    if (at + 46 > directory.length || dv.getUint32(at, true) !== 0x02014b50) throw bad(`central directory entry ${e} is damaged`);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const name = new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength));
    let size = dv.getUint32(at + 24, true);
    let compressedSize = dv.getUint32(at + 20, true);
    let localHeaderOffset = dv.getUint32(at + 42, true);
    // zip64 extra field (id 1): the 8-byte values of whichever fields above are 0xFFFFFFFF, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = dv.getUint16(x, true);
      const length = dv.getUint16(x + 2, true);
      if (id === 1) {
        let v = x + 4;
        const next = () => Number(dv.getBigUint64((v += 8) - 8, true));
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      x += 4 + length;
    }
    entries.set(name, { name, method: dv.getUint16(at + 10, true), crc: dv.getUint32(at + 16, true), compressedSize, size, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function readEntry(handle: FileHandle, path: string, entries: ReadonlyMap<string, ZipEntryInfo>, name: string): Promise<Uint8Array> {
  const entry = entries.get(name);
  if (!entry) throw new InvalidArgumentError(path, `has no entry '${name}' (found: ${[...entries.keys()].join(', ') || 'none'})`);
  const bad = (why: string) => new InvalidArgumentError(`${path}/${name}`, why);
  const local = await readAt(handle, entry.localHeaderOffset, 30);
  const lv = new DataView(local.buffer);
  if (lv.getUint32(0, true) !== 0x04034b50) throw bad('local header is damaged');
  const dataStart = entry.localHeaderOffset + 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
  const stored = await readAt(handle, dataStart, entry.compressedSize);
  let bytes: Uint8Array;
  if (entry.method === 0) bytes = stored;
  else if (entry.method === 8) bytes = inflateSync(stored, { out: new Uint8Array(entry.size) });
  else throw bad(`uses compression method ${entry.method}; only stored (0) and deflated (8) entries are read`);
  if (bytes.length !== entry.size) throw bad(`holds ${bytes.length} bytes, the directory says ${entry.size} (truncated?)`);
  if (crc32(bytes) !== entry.crc) throw bad('fails its CRC-32 check (damaged)');
  return bytes;
}
