/**
 * Limits of the contract that the renderer checks too (before it reads a file), so a refusal
 * names the file and the limit instead of coming back as a schema error.
 */

/** The largest annotation file the app sends to the core (the CLI reads larger ones from disk: marginalia import-annotations). */
export const APP_ANNOTATION_FILE_MB = 64;
