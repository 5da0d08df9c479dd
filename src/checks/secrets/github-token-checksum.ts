import { crc32 } from "../../shared/crc32.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Whether a classic GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and 36 base62 characters) carries a valid
 * checksum: its last 6 characters are the CRC-32 of the 30 before them (the prefix is not included), in base62 padded
 * with zeros. A random string passes one time in 62⁶, so a token that passes was minted by GitHub, not typed by a
 * person. https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export function githubTokenChecksumHolds(token: string): boolean {
  const [, random, checksum] = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token) ?? [];
  return random !== undefined && base62(crc32(random), 6) === checksum;
}

function base62(n: number, width: number): string {
  let digits = "";
  do {
    digits = BASE62.charAt(n % 62) + digits;
    n = Math.floor(n / 62);
  } while (n > 0);
  return digits.padStart(width, "0");
}
