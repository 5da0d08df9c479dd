import { crc32 } from "node:zlib";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A classic GitHub token whose checksum holds, as GitHub mints them: the prefix, 30 random base62 characters, and the
 * CRC-32 of those 30 (zlib's, so not Maestro's own) in 6 base62 digits. Tests build tokens at run time: the sources
 * hold no token for a scanner (Maestro's own, or GitHub's push protection) to find.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export function githubToken(random: string, prefix: "ghp" | "gho" | "ghu" | "ghs" | "ghr" = "ghp"): string {
  if (!/^[A-Za-z0-9]{30}$/.test(random)) throw new Error(`a token's random part is 30 base62 characters: ${random}`);
  let n = crc32(random);
  let checksum = "";
  for (let i = 0; i < 6; i++, n = Math.floor(n / 62)) checksum = BASE62[n % 62] + checksum;
  return `${prefix}_${random}${checksum}`;
}
