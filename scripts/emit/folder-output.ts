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

/**
 * Text is encoded into one buffer of this many bytes, kept for the whole build, and written
 * each time it fills: a large string or buffer made for every file (the pieces joined, or a
 * page whole) costs more than encoding it, since V8 places it in its large-object space.
 */
const BUFFER_BYTES = 1 << 20;
/** The most bytes a UTF-16 code unit takes in UTF-8. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Output written straight to a folder as it is made, so that a large build holds no file
 * whole: each file's size and SHA-256 are taken as it is written.
 */
export class FolderOutput implements Output {
  private readonly digests = new Map<string, Digest>();
  /** The buffer text is encoded into; taken by one file at a time (another gets its own). */
  private spare: Buffer | undefined = Buffer.allocUnsafe(BUFFER_BYTES);

  constructor(private readonly dir: string) {}

  private target(path: string): string {
    const target = join(this.dir, path);
    mkdirSync(dirname(target), { recursive: true });
    return target;
  }

  set(path: string, content: string | Uint8Array): void {
    const fits = typeof content === "string" && content.length * MAX_BYTES_PER_UNIT <= BUFFER_BYTES;
    const buffer = fits ? this.spare : undefined;
    if (typeof content === "string" && buffer) {
      this.spare = undefined;
      const bytes = buffer.subarray(0, buffer.write(content, 0, "utf8"));
      writeFileSync(this.target(path), bytes);
      this.digests.set(path, digestOf(bytes));
      this.spare = buffer;
      return;
    }
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    writeFileSync(this.target(path), bytes);
    this.digests.set(path, digestOf(bytes));
  }

  async write(path: string, pieces: Pieces): Promise<void> {
    const fd = openSync(this.target(path), "w");
    const hash = createHash("sha256");
    const buffer = this.spare ?? Buffer.allocUnsafe(BUFFER_BYTES);
    this.spare = undefined;
    let bytes = 0;
    let used = 0;
    const flush = (chunk: Uint8Array) => {
      writeAll(fd, chunk, hash);
      bytes += chunk.byteLength;
    };
    const flushBuffer = () => {
      if (used > 0) flush(buffer.subarray(0, used));
      used = 0;
    };
    const take = (piece: string | Uint8Array) => {
      if (typeof piece !== "string") {
        flushBuffer();
        flush(piece);
        return;
      }
      const most = piece.length * MAX_BYTES_PER_UNIT;
      if (used + most > BUFFER_BYTES) flushBuffer();
      if (most > BUFFER_BYTES) flush(Buffer.from(piece, "utf8"));
      else used += buffer.write(piece, used, "utf8");
    };
    try {
      await eachPiece(pieces, take);
      flushBuffer();
    } finally {
      closeSync(fd);
      this.spare = buffer;
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
  const chunk = Buffer.allocUnsafe(BUFFER_BYTES);
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
