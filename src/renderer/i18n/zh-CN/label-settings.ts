import type { labelSettings as en } from '../en/label-settings';

/** 设置 → 实体标签。 */
export const labelSettings: typeof en = {
  labelSet: {
    heading: '实体标签',
    hint: '在阅读器中，按键 1–9 按此顺序用前九个标签标注所选文字。',
    list: '标签集',
    newName: '新标签名称',
    newPlaceholder: '新标签，例如 基因',
    newColour: '新标签颜色',
    add: '添加标签',
    apply: '应用标签更改',
    export: '导出标签（JSON）',
    import: '导入标签…',
    importInput: '要导入的标签集',
    status: '标签状态',
    saving: '正在保存…',
    saved: '标签已保存',
    notASet: '{{file}} 不是标签集：',
    key: '按键 {{key}}',
    noKey: '无按键',
    colourOf: '{{name}}的颜色',
    nameOf: '标签 {{id}} 的名称',
    up: '上移{{name}}',
    down: '下移{{name}}',
    deleteOne: '删除{{name}}',
  },
  deleteLabel: {
    title: '删除标签 {{name}}？',
    carries_one: '有 {{count}} 个提及使用标签 {{id}}。应如何处理？',
    carries_other: '有 {{count}} 个提及使用标签 {{id}}。应如何处理？',
    legend: '它的提及',
    move: '将提及移到',
    moveTo: '提及要移到的标签',
    deleteMentions: '删除这些提及',
    submit: '删除标签',
  },
};
