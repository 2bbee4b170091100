import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * A minimal POSIX ustar writer and reader: enough for the backup archive (regular files only),
 * readable by GNU tar (`tar -tvf backup.tar`), with no dependency beyond Node — the production
 * image runs it from dist with production packages only.
 */
const BLOCK = 512;
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await this.write(header(name, data.length));
    await this.write(data);
    await this.write(padding(data.length));
  }

  /** Streams `size` bytes; returns their sha256. A source that turns out longer or shorter is an error. */
  async addStream(name: string, size: number, source: Readable): Promise<string> {
    const hash = createHash('sha256');
    let written = 0;
    await this.write(header(name, size));
    for await (const chunk of source as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > size) throw new Error(`${name}: grew while being archived`);
      hash.update(chunk);
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`${name}: shrank while being archived (${written} of ${size} bytes)`);
    await this.write(padding(size));
    return hash.digest('hex');
  }

  /** Two zero blocks end the archive. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }

  private async write(data: Buffer): Promise<void> {
    if (data.length === 0) return;
    if (!this.out.write(data)) await once(this.out, 'drain');
  }
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

function header(path: string, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(path);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  if (size <= MAX_OCTAL_SIZE) {
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  } else {
    // GNU base-256 for members over 8 GiB (a large database dump).
    h[124] = 0x80;
    let n = BigInt(size);
    for (let i = 135; i > 124; i--, n >>= 8n) h[i] = Number(n & 0xffn);
  }
  h.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  h.write('        ', 148, 'latin1');
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', path.length - 1);
  const prefix = path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`${path}: name too long for a tar member`);
  return { name, prefix };
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  return sum;
}

export class DamagedArchiveError extends Error {}

export interface TarEntry {
  name: string;
  size: number;
}

/**
 * Reads an archive written by TarWriter. For every regular file, `open` returns where its bytes go
 * (or null to skip them); the result maps each member to its size and sha256 as read.
 */
export async function readTar(source: Readable, open: (entry: TarEntry) => Writable | null): Promise<Map<string, { size: number; sha256: string }>> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let buffered: Buffer = Buffer.alloc(0);
  let offset = 0; // bytes consumed, for messages
  let current: { entry: TarEntry; remaining: number; pad: number; sink: Writable | null; hash: ReturnType<typeof createHash> } | null = null;
  let ended = false;
  let sinkError: Error | null = null;

  const finishEntry = async () => {
    if (!current) return;
    if (sinkError) throw sinkError;
    if (current.sink) {
      current.sink.end();
      await once(current.sink, 'finish');
    }
    seen.set(current.entry.name, { size: current.entry.size, sha256: current.hash.digest('hex') });
    current = null;
  };

  for await (const chunk of source as AsyncIterable<Buffer>) {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    for (;;) {
      if (ended) {
        buffered = Buffer.alloc(0);
        break;
      }
      if (current && current.remaining > 0) {
        if (buffered.length === 0) break;
        const take = buffered.subarray(0, Math.min(current.remaining, buffered.length));
        current.hash.update(take);
        if (sinkError) throw sinkError;
        if (current.sink && !current.sink.write(take)) await once(current.sink, 'drain');
        current.remaining -= take.length;
        buffered = buffered.subarray(take.length);
        offset += take.length;
        continue;
      }
      if (current && current.pad > 0) {
        if (buffered.length < current.pad) break;
        buffered = buffered.subarray(current.pad);
        offset += current.pad;
        current.pad = 0;
      }
      await finishEntry();
      if (buffered.length < BLOCK) break;
      const block = buffered.subarray(0, BLOCK);
      buffered = buffered.subarray(BLOCK);
      offset += BLOCK;
      if (block.every((b) => b === 0)) {
        ended = true;
        continue;
      }
      const entry = parseHeader(block, offset - BLOCK);
      if (seen.has(entry.name)) throw new DamagedArchiveError(`${entry.name} appears twice in the archive`);
      const sink = open(entry);
      // An unheard 'error' (disk full) would crash the process; it fails the read instead.
      sink?.on('error', (error: Error) => (sinkError ??= error));
      current = { entry, remaining: entry.size, pad: (BLOCK - (entry.size % BLOCK)) % BLOCK, sink, hash: createHash('sha256') };
    }
  }
  if (current) throw new DamagedArchiveError(`the archive ends inside ${(current as { entry: TarEntry }).entry.name} (truncated at byte ${offset})`);
  if (!ended) throw new DamagedArchiveError(`the archive ends without its end marker (truncated at byte ${offset})`);
  return seen;
}

function parseHeader(h: Buffer, at: number): TarEntry {
  const stored = parseInt(h.toString('latin1', 148, 156).replace(/[\0 ]+$/, '').trim(), 8);
  if (!Number.isFinite(stored) || stored !== checksum(h)) throw new DamagedArchiveError(`damaged tar header at byte ${at} (checksum mismatch)`);
  const type = String.fromCharCode(h[156]);
  const text = (from: number, to: number) => {
    const raw = h.subarray(from, to);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
  };
  const prefix = text(345, 500);
  const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
  if (type !== '0' && type !== '\0') throw new DamagedArchiveError(`${name}: unexpected tar member type "${type}" (not a backup written by db:backup)`);
  let size: number;
  if (h[124] & 0x80) {
    let n = 0n;
    for (let i = 125; i < 136; i++) n = (n << 8n) | BigInt(h[i]);
    size = Number(n);
  } else {
    size = parseInt(h.toString('latin1', 124, 136).replace(/\0/g, '').trim() || '0', 8);
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new DamagedArchiveError(`${name}: bad size in its tar header`);
  return { name, size };
}
