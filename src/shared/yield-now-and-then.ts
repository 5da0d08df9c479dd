/**
 * A review runs in the same process as the HTTP server that answers GitHub's webhooks (GitHub gives
 * up after 10 s and does not redeliver). Long loops over a repository's files call the function this
 * returns once per item: after `budgetMs` of work it lets the event loop run, so the server keeps
 * answering while a review of thousands of files goes on.
 */
export function yieldNowAndThen(budgetMs = 25): () => Promise<void> | undefined {
  let since = Date.now();
  return () => {
    if (Date.now() - since < budgetMs) return undefined;
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        since = Date.now();
        resolve();
      }, 0),
    );
  };
}
