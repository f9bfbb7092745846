/** Runs a CommonJS file with V8's code cache kept beside it, and returns its exports. */
export function requireCached(path: string): Record<string, unknown>;
