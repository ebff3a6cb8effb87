import { fileURLToPath } from "node:url";

/**
 * The built page (dist/ui/page). This module sits one folder below dist/, as the bundled CLI's cli.cjs in
 * dist/bin/ does, so the same relative path holds in both layouts.
 */
export const PAGE_DIR = fileURLToPath(new URL("../ui/page/", import.meta.url));
