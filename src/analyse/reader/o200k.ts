/**
 * OpenAI's o200k token counts, from gpt-tokenizer. Its tables take about 150 ms and 60 MB to load, so they are loaded
 * on a review's first reading, never for a review without one.
 */
let loaded: ((text: string) => number) | undefined;

export async function loadO200k(): Promise<(text: string) => number> {
  loaded ??= (await import("gpt-tokenizer/encoding/o200k_base")).countTokens;
  return loaded;
}

/** o200k's count of `text`; loadO200k must have been awaited first (prepareReading does it). */
export function o200kTokens(text: string): number {
  if (!loaded) throw new Error("the o200k tokenizer is not loaded: await loadO200k() first");
  return loaded(text);
}
