import type { importSettings as en } from '../en/import-settings';

/** 设置 → 导入：本档案对单个导入文件的限制。 */
export const importSettings: typeof en = {
  importLimits: {
    heading: '导入',
    hint: '超过大小上限的文件在读取前即被拒绝。读取时间超过时限的文件会被停止并报告，其余文件照常导入。',
    maxFileMb: '文件大小上限（MB）',
    timeoutSeconds: '单个文件读取时限（秒）',
    range: '{{min, number}} 到 {{max, number}} 之间的整数',
    save: '保存导入限制',
    status: '导入限制状态',
    saving: '正在保存…',
    saved: '导入限制已保存',
    notSaved: '未保存：{{message}}',
  },
};
