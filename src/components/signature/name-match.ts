/**
 * Compares a typed name with the signed-in subject's name the way a clerk would: NFKC
 * folds full-width letters and digits to half-width, spaces of every width (the ideographic
 * U+3000 too) are dropped, the middle dots of transliterated names (·・•‧) count as one,
 * and Latin letters ignore case.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\u3000\u200b]+/g, '')
    .replace(/[·・•‧\u30fb\u00b7\u2022\u2027]/g, '·')
    .toLocaleLowerCase('en');
}

export function namesMatch(typed: string, expected: string): boolean {
  const a = normaliseName(typed);
  return a.length > 0 && a === normaliseName(expected);
}
