import { configDefaults, defineConfig } from "vitest/config";

// Sized for a loaded 2-core machine: tests must never fail for being slow, only for being wrong.
// The few that spawn real tools (npm pack, tsc, a browser) set their own, longer limits.
export default defineConfig({
  test: {
    // Stryker's temporary copies and backups of the code, present only during a mutation run.
    exclude: [...configDefaults.exclude, ".stryker-tmp/**"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
