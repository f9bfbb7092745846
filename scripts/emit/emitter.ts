import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Schemas } from "../lib/schemas/index.ts";
import type { Model } from "./model.ts";

/** A file's content, or its pieces in order: a generator, or a stream. */
export type Pieces = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** The size and SHA-256 of a file, as written. */
export interface Digest {
  bytes: number;
  sha256: string;
}

/** Files the emitters produce, by path relative to `dist/`. */
export interface Output {
  set(path: string, content: string | Uint8Array): void;
  /** Writes a file piece by piece, so that no emitter holds a large file whole. */
  write(path: string, pieces: Pieces): Promise<void>;
  /** Lets a library write a file itself (a database, say), at the path on disk it is given. */
  produce(path: string, make: (file: string) => void): void;
  /** The bytes of a file an earlier emitter wrote. */
  get(path: string): Uint8Array | undefined;
  /** The size and SHA-256 of a file an earlier emitter wrote, without reading it again. */
  digest(path: string): Digest | undefined;
  keys(): IterableIterator<string>;
}

/** Hands each piece to `take`: a generator's as they come (awaiting each would cost a turn apiece), a stream's as they arrive. */
export async function eachPiece(pieces: Pieces, take: (piece: string | Uint8Array) => void) {
  if (Symbol.iterator in pieces) for (const piece of pieces) take(piece);
  else for await (const piece of pieces) take(piece);
}

export const digestOf = (bytes: Uint8Array): Digest => ({
  bytes: bytes.byteLength,
  sha256: createHash("sha256").update(bytes).digest("hex"),
});

/**
 * Output kept in memory, for checks that compare a build with dist/. Text is stored as UTF-8
 * the moment it is set: a JavaScript string with one curly quote takes two bytes a character.
 */
export class MemoryOutput extends Map<string, Uint8Array> implements Output {
  override set(path: string, content: string | Uint8Array): this {
    return super.set(path, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }

  async write(path: string, pieces: Pieces): Promise<void> {
    const chunks: Buffer[] = [];
    await eachPiece(pieces, (piece) =>
      chunks.push(typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.from(piece)),
    );
    this.set(path, Buffer.concat(chunks));
  }

  produce(path: string, make: (file: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), "kerry-moscow-2013-"));
    try {
      const file = join(dir, "file");
      make(file);
      this.set(path, readFileSync(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  digest(path: string): Digest | undefined {
    const bytes = this.get(path);
    return bytes && digestOf(bytes);
  }
}

/** One emitter: a pure function from the model (and what earlier emitters wrote) to files. */
export interface Emitter {
  name: string;
  /**
   * Begins the work that needs only the schemas, before the data is read: the build calls it
   * first, so that the work is done (in a worker thread) while memory holds no data yet.
   */
  prepare?(schemas: Schemas): void;
  emit(model: Model, out: Output): void | Promise<void>;
}
