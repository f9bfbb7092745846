import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Where Chromium is looked for: `$CHROMIUM`, then Debian's package, then other usual places. */
const CANDIDATES = [
  process.env.CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** Flags for a quiet, offline, throwaway browser: nothing phones home, nothing is kept. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found)
    throw new Error(
      "Chromium was not found. Install it (Debian: apt-get install chromium) or set CHROMIUM to its path.",
    );
  return found;
}

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh profile in a temporary folder, removed on close. */
export async function openBrowser(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "kerry-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
