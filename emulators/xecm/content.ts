import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Document content on disk. Uploads are streamed to a file while their size and SHA-256 are computed,
 * so memory stays flat whatever the file size. Files are named `<uuid>.bin`; the database keeps the name.
 */

/** A file part received and written to the content directory. */
export interface StoredFile {
  blob: string;
  size: number;
  sha256: string;
}

const BLOB_RE = /^[0-9a-f-]{36}\.bin$/;

export class ContentStore {
  readonly dir: string;
  readonly #owned: boolean;
  /** Blobs received but not yet recorded as a version (removed after their request ends). */
  readonly #unclaimed = new Set<string>();

  private constructor(dir: string, owned: boolean) {
    this.dir = dir;
    this.#owned = owned;
  }

  /**
   * `contentDir` when given; `<dbPath>.content/` for a file-backed database; else a temporary
   * directory that `close()` removes.
   */
  static open(contentDir: string | undefined, dbPath: string): ContentStore {
    if (contentDir !== undefined) {
      mkdirSync(contentDir, { recursive: true });
      return new ContentStore(contentDir, false);
    }
    if (dbPath !== ':memory:' && dbPath !== '') {
      const dir = `${dbPath}.content`;
      mkdirSync(dir, { recursive: true });
      return new ContentStore(dir, false);
    }
    return new ContentStore(mkdtempSync(join(tmpdir(), 'xecm-content-')), true);
  }

  path(blob: string): string {
    return join(this.dir, blob);
  }

  /** Streams `source` to a new blob, hashing on the way. A failed stream leaves no file behind. */
  async receive(source: Readable): Promise<StoredFile> {
    const blob = `${randomUUID()}.bin`;
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    this.#unclaimed.add(blob);
    try {
      await pipeline(source, meter, createWriteStream(this.path(blob)));
    } catch (err) {
      this.remove(blob);
      throw err;
    }
    return { blob, size, sha256: hash.digest('hex') };
  }

  /** The blob is now referenced by a version and must survive its request. */
  claim(blob: string): void {
    this.#unclaimed.delete(blob);
  }

  /** Removes the blob if no version took it (called when the request that uploaded it ends). */
  discardUnclaimed(blob: string): void {
    if (this.#unclaimed.has(blob)) this.remove(blob);
  }

  read(blob: string): ReadStream {
    return createReadStream(this.path(blob));
  }

  remove(blob: string): void {
    this.#unclaimed.delete(blob);
    try {
      unlinkSync(this.path(blob));
    } catch {
      // already gone
    }
  }

  /** Removes every blob (reset). Other files a user keeps in a given contentDir are left alone. */
  clear(): void {
    for (const f of readdirSync(this.dir)) if (BLOB_RE.test(f)) this.remove(f);
  }

  close(): void {
    if (this.#owned) rmSync(this.dir, { recursive: true, force: true });
  }
}
