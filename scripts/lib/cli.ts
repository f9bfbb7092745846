import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake in how a command was called: exit 2 with the usage line. */
export class UsageError extends Error {}

/** Where a command writes and what it reads of its environment, so tests can run it in process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour is only for terminals). */
  isTTY: boolean;
}

/** A command-line script: its usage text and its main function, which returns the exit code. */
export interface Command {
  usage: string;
  main(argv: string[], io: Io): number | Promise<number>;
}

/** Parses a command's arguments, turning node's own errors into a UsageError. */
export function parseFlags<T extends Omit<ParseArgsConfig, "args">>(argv: string[], config: T) {
  try {
    return parseArgs({ ...config, args: argv });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs a command: `--help` prints the usage and exits 0; a usage error or an internal fault
 * exits 2 with one line (the stack only with DEBUG set). Data problems are the command's own
 * exit 1, never an exception.
 */
export async function execute(command: Command, argv: string[], io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.main(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${command.usage}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`internal error: ${message}\n`);
      if (io.env.DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
};

/** Runs the command when its module is the script node was started with, not when imported. */
export function runIfMain(moduleUrl: string, command: Command): void {
  const script = process.argv[1];
  if (!script || realpathSync(script) !== realpathSync(fileURLToPath(moduleUrl))) return;
  execute(command, process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}
