/** A worker thread of `validateInParallel`: reads its run of records and checks each one. */
import { parentPort, workerData } from "node:worker_threads";
import { checkShard, type ShardInput } from "./validate.ts";

parentPort?.postMessage(checkShard(workerData as ShardInput));
