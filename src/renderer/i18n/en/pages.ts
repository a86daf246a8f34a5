/** The reader's page view of a PDF. */
export const pages = {
  pages: {
    view: 'Pages',
    showText: 'Text',
    showPages: 'Pages',
    toolbar: 'Page tools',
    outline: 'Outline',
    noOutline: 'This PDF has no outline.',
    pageField: 'Page',
    of: 'of {{count, number}}',
    ofWithNumber: '({{page, number}} of {{count, number}})',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit width',
    fitPage: 'Fit page',
    area: 'Area',
    areaToolbar: 'Mark the area',
    cancelArea: 'Cancel',
    failed: 'The pages cannot be shown ({{error}}). Press p for the text.',
    pageShort: 'p. {{page}}',
    areaOn: 'Area on p. {{page}}',
  },
};
