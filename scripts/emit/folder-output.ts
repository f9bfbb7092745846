import { createHash, type Hash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { type Digest, digestOf, eachPiece, type Output, type Pieces } from "./emitter.ts";

/** Pieces are gathered to about this many characters before each write. */
const FLUSH_AT = 1 << 20;

/**
 * Output written straight to a folder as it is made, so that a large build holds no file
 * whole: each file's size and SHA-256 are taken as it is written.
 */
export class FolderOutput implements Output {
  private readonly digests = new Map<string, Digest>();

  constructor(private readonly dir: string) {}

  private target(path: string): string {
    const target = join(this.dir, path);
    mkdirSync(dirname(target), { recursive: true });
    return target;
  }

  set(path: string, content: string | Uint8Array): void {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    writeFileSync(this.target(path), bytes);
    this.digests.set(path, digestOf(bytes));
  }

  async write(path: string, pieces: Pieces): Promise<void> {
    const fd = openSync(this.target(path), "w");
    const hash = createHash("sha256");
    let bytes = 0;
    let pending: string[] = [];
    let length = 0;
    const flush = (chunk: Uint8Array) => {
      writeAll(fd, chunk, hash);
      bytes += chunk.byteLength;
    };
    const flushText = () => {
      if (pending.length > 0) flush(Buffer.from(pending.join(""), "utf8"));
      pending = [];
      length = 0;
    };
    const take = (piece: string | Uint8Array) => {
      if (typeof piece !== "string") {
        flushText();
        flush(piece);
        return;
      }
      pending.push(piece);
      length += piece.length;
      if (length >= FLUSH_AT) flushText();
    };
    try {
      await eachPiece(pieces, take);
      flushText();
    } finally {
      closeSync(fd);
    }
    this.digests.set(path, { bytes, sha256: hash.digest("hex") });
  }

  produce(path: string, make: (file: string) => void): void {
    const target = this.target(path);
    make(target);
    this.digests.set(path, digestOfFile(target));
  }

  /** A file as written, read back from the folder: while the build runs, before it is moved. */
  get(path: string): Uint8Array | undefined {
    return this.digests.has(path) ? readFileSync(join(this.dir, path)) : undefined;
  }

  digest(path: string): Digest | undefined {
    return this.digests.get(path);
  }

  keys(): IterableIterator<string> {
    return this.digests.keys();
  }
}

function writeAll(fd: number, chunk: Uint8Array, hash: Hash): void {
  hash.update(chunk);
  for (let offset = 0; offset < chunk.byteLength; )
    offset += writeSync(fd, chunk, offset, chunk.byteLength - offset);
}

/** A file's digest, read in chunks. */
function digestOfFile(file: string): Digest {
  const hash = createHash("sha256");
  const chunk = Buffer.allocUnsafe(FLUSH_AT);
  const fd = openSync(file, "r");
  let bytes = 0;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest("hex") };
}
