/** A worker thread of the types emitter: the interfaces of the schemas in `workerData.dir`. */
import { parentPort, workerData } from "node:worker_threads";
import { schemasAt } from "../lib/schemas/index.ts";
import { interfacesOf } from "./interfaces.ts";

parentPort?.postMessage(await interfacesOf(schemasAt((workerData as { dir: string }).dir)));
