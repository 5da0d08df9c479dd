import { awsSecretNear } from "./aws-secret-near.js";
import { githubTokenChecksumHolds } from "./github-token-checksum.js";
import { looksRandom } from "./looks-random.js";
import { privateKeyBody } from "./private-key-body.js";

/** Something on a line that looks like a credential: what it is, never the value. */
export interface SecretFinding {
  /**
   * A real key format, checked as far as the format allows (a checksum, a provider's exact layout, an AWS key id with
   * its secret key): it blocks. Otherwise merely suspicious.
   */
  readonly verified: boolean;
  /** What was found, shown as the evidence. */
  readonly what: string;
}

/** The added lines within a few lines of the one judged: an AWS key's secret, the body under a private key's header. */
export interface NearbyLines {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** A match is the real thing, merely looks like it (and why not more), or is a placeholder (undefined). */
type Judgement = { readonly verified: true } | { readonly verified: false; readonly why: string } | undefined;

interface KeyFormat {
  readonly kind: string;
  /** Anything a person might take for this kind of key; every match on a line is judged. */
  readonly shape: RegExp;
  judge(match: RegExpMatchArray, line: string, nearby: NearbyLines): Judgement;
}

const suspicious = (why: string): Judgement => ({ verified: false, why });
const verified: Judgement = { verified: true };

/**
 * A judgement of a key's random part: verified when `exact` holds, suspicious when it does not, nothing for a
 * placeholder.
 */
function byLayout(random: string, exact: boolean, why: string): Judgement {
  if (!looksRandom(random)) return undefined;
  return exact ? verified : suspicious(why);
}

/**
 * Provider formats, as GitHub, AWS, OpenAI, Anthropic, Slack, Stripe and Google issue them (and as gitleaks reads
 * them).
 */
const FORMATS: readonly KeyFormat[] = [
  {
    kind: "GitHub token",
    shape: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
    // The checksum is proof enough: a token that carries one was minted by GitHub.
    judge: ([token]) =>
      githubTokenChecksumHolds(token)
        ? verified
        : byLayout(
            token.slice(4),
            false,
            token.length === 40 ? "its checksum fails" : "not 36 characters after the prefix",
          ),
  },
  {
    kind: "fine-grained GitHub token",
    shape: /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
    judge: ([token]) =>
      byLayout(token.slice(11), /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/.test(token), "not GitHub's layout"),
  },
  {
    kind: "AWS access key",
    shape: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
    // A key id alone grants nothing; with its 40-character secret beside it, it is a working credential.
    judge: (match, line, nearby) => {
      const id = match[0].slice(4);
      if (!/^[A-Z2-7]{16}$/.test(id)) return byLayout(id, false, "not AWS's alphabet");
      return byLayout(id, awsSecretNear(match, line, nearby), "no secret key near it");
    },
  },
  {
    kind: "OpenAI key",
    shape: /\bsk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,}/g,
    // `T3BlbkFJ` is "OpenAI" in base64: every OpenAI key carries it.
    judge: ([key]) => {
      const random = key.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, "");
      if (!/\d/.test(random)) return undefined; // words joined by hyphens: a CSS class, a slug
      const exact =
        /^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}$/.test(key) ||
        /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/.test(key);
      return byLayout(random, exact, "no OpenAI marker");
    },
  },
  {
    kind: "Anthropic key",
    shape: /\bsk-ant-[A-Za-z0-9_-]{20,}/g,
    judge: ([key]) =>
      byLayout(key.slice(7), /^sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{93}AA$/.test(key), "not Anthropic's layout"),
  },
  {
    kind: "Slack token",
    shape: /\bxox[abeoprs]-[A-Za-z0-9-]{8,}/g,
    judge: ([token]) =>
      byLayout(
        token.slice(5),
        SLACK_TOKENS.some((t) => t.test(token)),
        "not Slack's layout",
      ),
  },
  {
    kind: "Slack webhook",
    shape: /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]+/g,
    judge: ([url]) =>
      byLayout(
        url.slice(url.lastIndexOf("/") + 1),
        /\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}$/.test(url),
        "not Slack's layout",
      ),
  },
  {
    kind: "Stripe live key",
    shape: /\b[rs]k_live_[A-Za-z0-9]{8,}/g,
    judge: ([key]) => byLayout(key.slice(8), key.length >= 32, "too short"),
  },
  {
    kind: "Google API key",
    shape: /\bAIza[0-9A-Za-z_-]{30,}/g,
    judge: ([key]) => byLayout(key.slice(4), key.length === 39, "not 39 characters long"),
  },
  {
    kind: "private key",
    shape: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
    judge: (match, line, { after }) =>
      privateKeyBody(line.slice((match.index ?? 0) + match[0].length), after)
        ? verified
        : suspicious("no key after the header"),
  },
];

const SLACK_TOKENS = [
  /^xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}$/, // bot
  /^xoxb-\d{8,14}-[A-Za-z0-9]{18,26}$/, // legacy bot
  /^xox[pe](?:-\d{10,13}){3}-[A-Za-z0-9]{28,34}$/, // user
  /^xox[os]-\d+-\d+-\d+-[a-fA-F\d]{10,}$/, // legacy
];

/** Something every shape above starts with: most lines have none, and are passed over with one test. */
const ANY_SHAPE = /gh[pousr]_|github_pat_|A[KSBC][IC]A|sk-|xox|hooks\.slack|k_live_|AIza|PRIVATE KEY/;

/**
 * The strongest finding among the key formats on a line: a verified key before a merely suspicious one. The lines
 * around are asked for only when the line holds a shape.
 */
export function keyFormat(line: string, around: () => NearbyLines): SecretFinding | undefined {
  if (!ANY_SHAPE.test(line)) return undefined;
  const nearby = around();
  let first: SecretFinding | undefined;
  for (const format of FORMATS) {
    for (const match of line.matchAll(format.shape)) {
      const judgement = format.judge(match, line, nearby);
      if (judgement?.verified) return { verified: true, what: format.kind };
      if (judgement && !first) first = { verified: false, what: `suspicious: ${format.kind} shape, ${judgement.why}` };
    }
  }
  return first;
}

/** Where a key's shape sits on a line: its kind, and its start and end offsets. */
export interface KeySpan {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Everything on a line shaped like a key, placeholder or not: what the second reader redacts before a model sees the
 * line. Judging decides the signal's points; a value leaves Maestro only when no format takes it for a key.
 */
export function keySpans(line: string): KeySpan[] {
  if (!ANY_SHAPE.test(line)) return [];
  return FORMATS.flatMap(({ kind, shape }) =>
    [...line.matchAll(shape)].map((m) => ({ kind, start: m.index, end: m.index + m[0].length })),
  );
}
