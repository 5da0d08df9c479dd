import { randomTokenSpans } from "../../../src/analyse/reader/random-token-spans.js";
import { loadO200k } from "../../../src/analyse/reader/o200k.js";

// The tokenizer is loaded on a review's first reading; these tests call its users directly.
beforeAll(() => loadO200k());

/** What the generic pass hides: each span's text. */
const hidden = (line: string) => randomTokenSpans(line).map((s) => line.slice(s.start, s.end));

// Put together at run time, as in the secrets signal's tests: no key for a scanner to find in the sources.
const R = "mQ7vX2kL9pZ4tW8nB3cF6hJ1sD5gY0aErU";
const JWT_PART = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0";
const LOWER = "q8w2e7r4t9y1u3i6o5p0a8s2d7f4g9h1j3k6l5z0";

describe("the generic pass: random-looking tokens in no known format", () => {
  it.each([
    { name: "a base62 token", line: `headers["X-Api-Key"] = "${R}";`, hidden: [R] },
    {
      name: "a JWT's parts",
      line: `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.${JWT_PART}.x`,
      hidden: ["eyJhbGciOiJIUzI1NiJ9", JWT_PART],
    },
    { name: "a lowercase key with digits", line: `key ${LOWER}`, hidden: [LOWER] },
    {
      name: "hex of 128 bits, a digest or a key",
      line: "id: 8e5e7e5a1b3c4d5e6f708192a3b4c5d6",
      hidden: ["8e5e7e5a1b3c4d5e6f708192a3b4c5d6"],
    },
    {
      name: "hex of 128 bits even when it reads as words",
      line: "salt = deadbeefcafebabe0123456789abcdef",
      hidden: ["deadbeefcafebabe0123456789abcdef"],
    },
    { name: "a password in a URL", line: "url = postgres://admin:hunter2x@db.local/app", hidden: ["hunter2x"] },
  ])("hides $name", ({ line, hidden: expected }) => {
    expect(hidden(line)).toEqual(expected);
  });

  it.each([
    {
      name: "identifiers with digits",
      line: "const encoder = utf8ToBase64UrlEncoder2024(base64ToUint8ArrayConverter);",
    },
    { name: "paths", line: 'import { countTokens } from "node_modules/gpt-tokenizer/encoding/o200k_base";' },
    { name: "constants", line: "const SIGNALS_IN_REPORT_ORDER = HTTP2ServerConnectionFactory;" },
    { name: "short ids", line: "const id = 'a1b2c3d4e5';" },
    { name: "a URL without a password", line: "https://github.com/stretchr/testify/assert" },
  ])("keeps $name", ({ line }) => {
    expect(hidden(line)).toEqual([]);
  });
});
