/** Settings → Import: the archive's limits on one imported file. */
export const importSettings = {
  importLimits: {
    heading: 'Import',
    hint: 'Larger files are refused before they are read. A file that takes longer to read is stopped and reported; the rest of the import goes on.',
    maxFileMb: 'Largest file (MB)',
    timeoutSeconds: 'Stop reading a file after (seconds)',
    range: 'A whole number from {{min, number}} to {{max, number}}',
    save: 'Save import limits',
    status: 'Import limits status',
    saving: 'Saving…',
    saved: 'Import limits saved',
    notSaved: 'Not saved: {{message}}',
  },
};
