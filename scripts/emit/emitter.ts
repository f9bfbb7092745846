import type { Model } from "./model.ts";

/** Files the emitters produce, by path relative to `dist/`. */
export interface Output {
  set(path: string, content: string | Uint8Array): void;
  /** The bytes of a file an earlier emitter wrote. */
  get(path: string): Uint8Array | undefined;
  keys(): IterableIterator<string>;
}

/**
 * Output kept in memory, for checks that compare a build with dist/. Text is stored as UTF-8
 * the moment it is set: a JavaScript string with one curly quote takes two bytes a character.
 */
export class MemoryOutput extends Map<string, Uint8Array> implements Output {
  override set(path: string, content: string | Uint8Array): this {
    return super.set(path, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }
}

/** One emitter: a pure function from the model (and what earlier emitters wrote) to files. */
export interface Emitter {
  name: string;
  emit(model: Model, out: Output): void | Promise<void>;
}
