import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the message catalogue', () => {
  it('holds every Chinese string: none is hard-coded in an element or service', () => {
    const offenders = files('src')
      .filter((f) => !f.startsWith(join('src', 'i18n')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /[\u4e00-\u9fff]/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('has every zh-CN key in en and no more (checked at run time too)', async () => {
    for (const file of files(join('src', 'i18n'))) await import('../../' + file);
    const { catalogueKeys } = await import('../../src/core/i18n');
    expect(catalogueKeys('en').sort()).toEqual(catalogueKeys('zh-CN').sort());
  });
});
