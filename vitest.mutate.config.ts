import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The tests a mutation run uses. Stryker runs, for each mutant, every test that reached its
// code: on a shared 2-core machine that must stay in seconds, so this set is the in-process
// tests on the small fixtures. Left out: the tests whose time goes to real outside tools (a
// browser, tsc on a packed consumer, R, Python and DuckDB reading the database, commands
// spawned as child processes, the benchmark), where code in a child process never sees the
// active mutant anyway; and the tests that repeat on the real data, on many threads or under
// renamed schemas what the fixture tests check on the base fixture. MUTATE_TESTS (test files,
// comma-separated) narrows it further to the tests of the folder being mutated.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: process.env.MUTATE_TESTS?.split(",") ?? ["test/**/*.test.ts"],
      exclude: [
        "test/bench.test.ts",
        "test/build.test.ts",
        "test/cli.test.ts",
        "test/consumer.test.ts",
        "test/site.browser.test.ts",
        "test/sqlite.test.ts",
      ],
      testNamePattern: /^(?!.*(real data|several threads|renamed schemas|exits 1 and names))/,
    },
  }),
);
