/** Writes a file by writing a temporary sibling and renaming it: readers see the old or the new file, never half of one. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void;
