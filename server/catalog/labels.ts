import type { OpenClass, SharingClass, UpdateFrequency } from '../../src/core/catalog-types';

/**
 * zh-CN labels the server puts on facet values. Sharing classes use the words of the
 * Measures (Art. 21: 无条件共享 / 受限共享 / 非共享). Pure: Storybook mocks import it too.
 */
export const SHARING_LABELS: Record<SharingClass, string> = {
  unconditional: '无条件共享',
  restricted: '受限共享',
  none: '非共享',
};

export const OPEN_LABELS: Record<OpenClass, string> = {
  open: '开放',
  conditional: '有条件开放',
  closed: '不开放',
};

export const FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  yearly: '每年',
  irregular: '不定期',
};
