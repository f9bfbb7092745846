import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake in how a command was called: exit 2 with the usage line. */
export class UsageError extends Error {}

/** Parses flags, turning node's own errors into a UsageError. */
export function parseFlags<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs a command's main function: its return value is the exit code; a usage error or an
 * internal fault exits 2 with one line (the stack only with DEBUG set).
 */
export function runCli(usage: string, main: () => number | Promise<number>): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          process.stderr.write(`${error.message}\n${usage}\n`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`internal error: ${message}\n`);
          if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
        }
        process.exitCode = 2;
      },
    );
}
