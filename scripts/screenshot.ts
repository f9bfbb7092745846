/**
 * `npm run screenshot`: pictures of the annotated page of the first source, taken with the same
 * Chromium the tests use, for the README: `docs/viewer.png` (a wide screen, a claim selected),
 * `docs/viewer-phone.png` (a phone, the same claim selected, its passage above the details) and
 * `docs/viewer-narrow.png` (320 px wide).
 */
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openBrowser } from "./lib/browser.ts";
import { type Command, parseFlags, runIfMain } from "./lib/cli.ts";
import { PACKAGE_ROOT } from "./lib/root.ts";

const ROOT = PACKAGE_ROOT;

const USAGE = `usage: npm run screenshot -- [--page ID] [--select RECORD_ID] [--out DIR]
  Opens dist/site/<ID>.html (default: the first source page) in Chromium, selects RECORD_ID
  (default: the first passage judged below the top of the verdict scale) and writes viewer.png,
  viewer-phone.png and viewer-narrow.png to DIR (default: docs).`;

export const command: Command = {
  usage: USAGE,
  async main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        page: { type: "string" },
        select: { type: "string" },
        out: { type: "string", default: "docs" },
      },
    });
    const site = join(ROOT, "dist", "site");
    const page =
      values.page ??
      readdirSync(site)
        .filter((f) => f.endsWith(".html") && f !== "index.html")
        .sort()[0]
        ?.replace(/\.html$/, "");
    if (!page) throw new Error("dist/site/ has no source page: run npm run build first");
    const out = join(ROOT, values.out);
    mkdirSync(out, { recursive: true });
    const url = pathToFileURL(join(site, `${page}.html`)).href;
    const session = await openBrowser();
    try {
      const tab = await session.context.newPage();
      await tab.emulateMedia({ colorScheme: "light" });
      await tab.goto(url);
      // From the page's own data: the first passage judged below the top of the scale, so that
      // it is near the top of the page; else the first judged one.
      const select =
        values.select ??
        String(
          await tab.evaluate(`(() => {
          const data = JSON.parse(document.getElementById("_data").textContent);
          const ids = data.highlights.map((h) => h[2]).filter((id) => data.verdicts[id]);
          const top = Math.max(...data.verdict.values.map((v) => v.scale ?? -1));
          const below = ids.find((id) => data.verdicts[id].some(([, v]) => {
            const scale = data.verdict.values[v].scale;
            return scale !== null && scale < top;
          }));
          return below ?? ids[0] ?? data.source;
        })()`),
        );
      await tab.setViewportSize({ width: 1280, height: 1500 });
      await tab.goto(`${url}#${select}`);
      await tab.waitForSelector("#_details h3");
      // From the top, so the picture has the legend as well as the selected passage.
      await tab.evaluate("window.scrollTo(0, 0)");
      await tab.screenshot({ path: join(out, "viewer.png") });
      await tab.setViewportSize({ width: 390, height: 844 });
      await tab.goto("about:blank");
      await tab.goto(`${url}#${select}`);
      await tab.waitForSelector("#_details h3");
      await tab.screenshot({ path: join(out, "viewer-phone.png") });
      await tab.setViewportSize({ width: 320, height: 640 });
      await tab.goto(url);
      await tab.screenshot({ path: join(out, "viewer-narrow.png") });
    } finally {
      await session.close();
    }
    io.stdout(
      `wrote ${values.out}/viewer.png, ${values.out}/viewer-phone.png and ${values.out}/viewer-narrow.png\n`,
    );
    return 0;
  },
};

runIfMain(import.meta.url, command);
