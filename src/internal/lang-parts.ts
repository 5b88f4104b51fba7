import { html, type TemplateResult } from 'lit';
import type { MessageParams } from '../core/i18n';
import { dataLangOf, type EgovLocale } from '../core/locale';

// Private-use characters cannot occur in a message or in data the server accepts
// (control and private-use characters are refused), so they mark where a value went.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = /\uE000(\d+)\uE001/g;

interface Translator {
  readonly locale: EgovLocale;
  t: (key: string, params?: MessageParams) => string;
}

/**
 * A translated sentence with data values in it ("Decided by 孙七 (浙江省公安厅)"): when the
 * sentence is not Chinese, each value holding Chinese is wrapped in `<span lang="zh-CN">` so
 * a screen reader reads the name in Chinese and the sentence around it in the page language.
 * In a Chinese sentence, or without Chinese values, it is the plain string. A value may itself
 * be such a sentence (a template), placed as it is.
 */
export function dataSentence(i18n: Translator, key: string, params: Record<string, string | number | TemplateResult>): string | TemplateResult {
  const marked: MessageParams = {};
  const values: Array<string | TemplateResult> = [];
  for (const [name, value] of Object.entries(params)) {
    // A sentence already marked (one nested in another) goes in as it is.
    if (typeof value === 'object' || (typeof value === 'string' && dataLangOf(i18n.locale, value))) {
      marked[name] = OPEN + values.length + CLOSE;
      values.push(value);
    } else {
      marked[name] = value;
    }
  }
  if (!values.length) return i18n.t(key, marked);
  const text = i18n.t(key, marked);
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    parts.push(text.slice(last, match.index));
    const value = values[Number(match[1])]!;
    parts.push(typeof value === 'string' ? html`<span lang="zh-CN">${value}</span>` : value);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
