/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort()` does by default. Every sort
 * that reaches an output file or a report uses it: `localeCompare()` follows the host's locale,
 * so the same data would come out in a different order on another machine.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
