/** 阅读器中 PDF 的页面视图。 */
export const pages = {
  pages: {
    view: '页面',
    showText: '文本',
    showPages: '页面',
    toolbar: '页面工具',
    outline: '目录',
    noOutline: '此 PDF 没有目录。',
    pageField: '页码',
    of: '/ {{count, number}}',
    ofWithNumber: '（第 {{page, number}} 页，共 {{count, number}} 页）',
    zoomIn: '放大',
    zoomOut: '缩小',
    fitWidth: '适合宽度',
    fitPage: '适合页面',
    area: '区域',
    areaToolbar: '标注区域',
    cancelArea: '取消',
    failed: '无法显示页面（{{error}}）。按 p 查看文本。',
    pageShort: '第 {{page}} 页',
    areaOn: '第 {{page}} 页上的区域',
  },
};
