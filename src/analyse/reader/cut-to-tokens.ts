/** What ends a text cut to fit: the model knows there was more. */
export const CUT_MARK = "[cut to fit the token budget]";

/**
 * The longest start of `text` that, with the cut mark after it, takes at most `tokens` tokens (found by halving, so a
 * long text costs a few dozen counts). The whole text when it fits; the mark alone when nothing of it does.
 */
export function cutToTokens(text: string, tokens: number, count: (text: string) => number): string {
  if (count(text) <= tokens) return text;
  const cut = (length: number) => `${text.slice(0, length)}\n${CUT_MARK}`;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (count(cut(mid)) <= tokens) low = mid;
    else high = mid - 1;
  }
  // Never half of a surrogate pair: an emoji cut in two is not text.
  if (low > 0 && /[\ud800-\udbff]/.test(text.charAt(low - 1))) low--;
  return low === 0 ? CUT_MARK : cut(low);
}
