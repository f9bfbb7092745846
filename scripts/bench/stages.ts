/**
 * Times each stage of validation on one data folder: the load, then every check on its own, to
 * show where validation spends its time beyond the floor.
 * `tsx scripts/bench/stages.ts DATA_DIR` (a corpus kept by `npm run bench -- --keep`, say).
 */

import type { Report } from "../checks/check.ts";
import { CHECKS } from "../checks/index.ts";
import { loadDataset } from "../lib/dataset.ts";
import { loadPackageSchemas } from "../lib/schemas/index.ts";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: tsx scripts/bench/stages.ts DATA_DIR");
const schemas = loadPackageSchemas();
const ignore: Report = () => {};
const time = (stage: string, work: () => void) => {
  const start = performance.now();
  work();
  console.log(`${stage.padEnd(16)} ${((performance.now() - start) / 1000).toFixed(3)} s`);
};
// The first load warms the file cache, so the timed one measures the work, not the disk.
let dataset = loadDataset(dataDir, schemas).dataset;
time("load", () => {
  dataset = loadDataset(dataDir, schemas).dataset;
});
for (const check of CHECKS) {
  time(check.name, () => {
    if (check.scope === "dataset") check.check(dataset, ignore);
    else for (const file of dataset.records) check.check(file, ignore, dataset);
  });
}
