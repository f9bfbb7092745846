// @ts-check
// Mutation testing: `npm run mutate` (all of scripts/ but the benchmark), or
// `npm run mutate -- --mutate "scripts/checks/**/*.ts"` for one folder. Not part of `npm test`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["scripts/**/*.{ts,mjs}", "!scripts/bench/**", "!scripts/**/*.d.mts"],
  coverageAnalysis: "perTest",
  // Mutants run while modules load (constants, tables, patterns) would each need every test:
  // far too slow here. They are reported as ignored, and counted in docs/mutation.md.
  ignoreStatic: true,
  // Results of mutants whose code and tests did not change are reused from the committed file,
  // so a run after a small change takes minutes.
  incremental: true,
  incrementalFile: "test/mutation/stryker-incremental.json",
  // In place, not in a sandbox copy: the invalid fixtures hold a dangling symbolic link, which
  // the sandbox copy cannot copy. The files are restored when the run ends or is interrupted.
  inPlace: true,
  // Two cores shared with other work: a mutant is timed against a loaded machine.
  concurrency: 1,
  timeoutFactor: 3,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // break: the score measured (docs/mutation.md), so that it cannot silently fall.
  thresholds: { high: 90, low: 80, break: 93 },
};
