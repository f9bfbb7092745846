import { fileURLToPath } from "node:url";

/**
 * The package's root folder. Two levels up from this module, and from the bundles of the
 * commands (node_modules/.kerry-moscow-2013/*.cjs): every other path is joined to this one.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
