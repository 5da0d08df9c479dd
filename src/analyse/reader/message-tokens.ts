/** A chat message as the second reader sends it. */
export interface ReadingMessage {
  readonly role: "system" | "user";
  readonly content: string;
}

/**
 * Tokens the messages take in a chat request: each message's role and content, the few tokens that frame each
 * message, and those that prime the answer (OpenAI's own count, as gpt-tokenizer gives it for chat models).
 */
export function messageTokens(messages: readonly ReadingMessage[], count: (text: string) => number): number {
  return messages.reduce((sum, m) => sum + FRAME + count(m.role) + count(m.content), PRIMING);
}

const FRAME = 3;
const PRIMING = 3;
