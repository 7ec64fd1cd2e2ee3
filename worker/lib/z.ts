/**
 * The schema library for every input: zod's tree-shakable "mini" build, with English messages.
 * Import it as `import * as z from "<path>/lib/z"`. (The classic `zod` build was 440 KB of the
 * minified Worker, two thirds of it; this keeps the bundle well under its 150 KB gzip budget.)
 */
import { en } from "zod/locales";
import { config } from "zod/mini";

config(en());

export * from "zod/mini";
