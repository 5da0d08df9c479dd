import { Probot } from "probot";
import type { JobQueue } from "../../src/app/in-process-queue.js";
import { createMaestroApp, type MaestroAppOptions } from "../../src/app/maestro-app.js";
import { createMaestroOctokit } from "../../src/app/maestro-octokit.js";
import type { Job } from "../../src/app/review-job.js";
import { GitHubEmulator } from "../e2e/github-emulator.js";
import { createRepo, type TestRepo } from "./git-repo.js";
import { recordedPayload, testPrivateKey } from "./github-fixture.js";
import { testLog } from "./test-log.js";

/** One Maestro process on the emulated GitHub: its own caches and queue. */
export interface MaestroProcess {
  receive(name: string, payload: Record<string, unknown>): Promise<void>;
  /** Several webhooks in a burst, as GitHub sends them: all are answered before any review ends. */
  receiveAll(events: readonly { name: string; payload: Record<string, unknown> }[]): Promise<void>;
  /** A webhook answered (its work queued), without waiting for the work; `id` is its `X-GitHub-Delivery`. */
  send(name: string, payload: Record<string, unknown>, id?: string): Promise<void>;
  /** Until every queued job is done. */
  drain(): Promise<void>;
  /** Its queue stops taking jobs (a Redis queue's connections close). */
  close(): Promise<void>;
}

/**
 * Maestro's app in-process against the GitHub emulator (git-backed, every request checked against
 * GitHub's OpenAPI description), on a repository `acme/shop` whose main branch holds `files`.
 * PRs are branches; webhooks are the recorded payloads of @octokit/webhooks-examples, rewritten.
 */
export async function createEmulatedApp(
  files: Record<string, string>,
  options: Omit<MaestroAppOptions, "onQueue"> = {},
) {
  const repo: TestRepo = createRepo();
  repo.write(files);
  repo.commit("main");
  const github = new GitHubEmulator("acme", "shop", repo.dir);
  await github.start();
  const startProcess = async (more: Omit<MaestroAppOptions, "onQueue"> = {}): Promise<MaestroProcess> => {
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey,
      baseUrl: `http://127.0.0.1:${github.port}/api/v3`,
      Octokit: createMaestroOctokit({ enabled: false }),
      log: testLog(),
    });
    let queue: JobQueue<Job> | undefined;
    await probot.load(createMaestroApp({ ...options, ...more, onQueue: (q) => (queue = q) }), {
      addHandler: () => undefined,
      cwd: process.cwd(),
    });
    return {
      receive: async (name, payload) => {
        await probot.receive({ id: `delivery-${Math.random()}`, name, payload } as never);
        await queue?.drain();
      },
      send: async (name, payload, id = `delivery-${Math.random()}`) => {
        await probot.receive({ id, name, payload } as never);
      },
      drain: async () => {
        await queue?.drain();
      },
      close: async () => {
        await queue?.close();
      },
      receiveAll: async (events) => {
        for (const { name, payload } of events)
          await probot.receive({ id: `delivery-${Math.random()}`, name, payload } as never);
        await queue?.drain();
      },
    };
  };
  const maestro = await startProcess();
  let nextPull = 1;

  const repository = () => ({
    ...(recordedPayload("pull_request", "opened").repository as object),
    name: "shop",
    full_name: "acme/shop",
    owner: { login: "acme" },
  });
  const deliver = (name: string, payload: Record<string, unknown>) => maestro.receive(name, payload);
  /**
   * A pull_request event for `sha`; `updatedAt` is when GitHub says the PR last changed (the recorded payload's, unless
   * given).
   */
  const pullRequestEvent = (
    action: string,
    pr: { number: number; branch: string },
    sha: string,
    extra: Record<string, unknown> = {},
    updatedAt?: string,
  ) =>
    recordedPayload("pull_request", action, (p) => {
      Object.assign(p, { number: pr.number, repository: repository(), installation: { id: 5 }, ...extra });
      Object.assign(p.pull_request as object, {
        number: pr.number,
        head: { sha, ref: pr.branch },
        ...(updatedAt ? { updated_at: updatedAt } : {}),
      });
    });

  /** Commits `files` on the PR's branch; the synchronize webhook is delivered unless told not to. */
  const push = async (
    pr: { number: number; branch: string },
    changes: Record<string, string | null>,
    deliverWebhook = true,
  ): Promise<string> => {
    repo.git("checkout", "-q", pr.branch);
    repo.write(changes);
    const sha = repo.commit(`push to ${pr.branch}`);
    repo.git("checkout", "-q", "main");
    if (deliverWebhook) await deliver("pull_request", pullRequestEvent("synchronize", pr, sha));
    return sha;
  };

  /** A PR (author `dev` unless said, labelled ai-generated) reviewed once, as after its `opened` webhook. */
  const reviewedPull = async (changes: Record<string, string | null>, user = "dev") => {
    // One sequence for PRs and issues, as on GitHub: the podium is an issue.
    const number = Math.max(nextPull++, github.nextNumber());
    const branch = `pr-${number}`;
    repo.git("checkout", "-q", "-b", branch, "main");
    repo.write(changes);
    const sha = repo.commit(`pr ${number}`);
    repo.git("checkout", "-q", "main");
    github.pulls.set(number, {
      number,
      headRef: branch,
      baseRef: "main",
      user,
      labels: ["ai-generated"],
      draft: false,
    });
    await deliver("pull_request", pullRequestEvent("opened", { number, branch }, sha));
    return { number, sha, branch };
  };

  /** The `issue_comment.created` webhook of comment `id` on PR `number`. */
  const commentEvent = (number: number, id: number, login: string, body: string, type = "User") =>
    recordedPayload("issue_comment", "created", (p) => {
      Object.assign(p, { repository: repository(), installation: { id: 5 } });
      Object.assign(p.issue as object, { number, pull_request: { url: "" } });
      Object.assign(p.comment as object, { id, body, user: { login, type } });
    });

  /** `login` comments `body` on PR `number`, and Maestro handles it. */
  const comment = async (number: number, login: string, body: string, type = "User") => {
    const posted = github.addUserComment(number, login, body);
    await deliver("issue_comment", commentEvent(number, posted.id, login, body, type));
    return posted;
  };

  const checkRunEvent = (
    action: "rerequested" | "requested_action",
    sha: string,
    number: number,
    extra: Record<string, unknown> = {},
  ) =>
    recordedPayload("check_run", action, (p) => {
      Object.assign(p, {
        repository: repository(),
        installation: { id: 5 },
        sender: { login: "max", type: "User" },
        ...extra,
      });
      Object.assign(p.check_run as object, { head_sha: sha, pull_requests: [{ number }] });
    });

  /** Merges PR `number` on the emulated GitHub and delivers its `pull_request.closed` webhook; returns the merge SHA. */
  const merge = async (number: number): Promise<string> => {
    const sha = github.merge(number);
    await deliver("pull_request", closedEvent(number));
    return sha;
  };

  /** The `pull_request.closed` webhook of PR `number` as GitHub describes it now (merged or not). */
  const closedEvent = (number: number) =>
    recordedPayload("pull_request", "closed", (p) => {
      Object.assign(p, { number, repository: repository(), installation: { id: 5 } });
      p.pull_request = github.pullRequestJson(number);
    });

  /** Someone pushes `files` straight to main; the push webhook is delivered. */
  const pushToMain = async (files: Record<string, string | null>) => {
    const pushed = github.pushToBase("main", files);
    await deliver(
      "push",
      recordedPayload("push", undefined, (p) => {
        Object.assign(p, {
          ref: pushed.ref,
          before: pushed.before,
          after: pushed.after,
          deleted: false,
          commits: pushed.commits,
          repository: { ...repository(), default_branch: "main" },
          installation: { id: 5 },
        });
      }),
    );
    return pushed;
  };

  return {
    repo,
    github,
    maestro,
    merge,
    closedEvent,
    pushToMain,
    deliver,
    push,
    reviewedPull,
    comment,
    commentEvent,
    pullRequestEvent,
    checkRunEvent,
    startProcess,
    latest: (sha: string) => github.runsOn(sha).at(-1),
    reactionsOn: (id: number) => github.reactions.filter((r) => r.commentId === id).map((r) => r.content),
    sticky: (number: number) =>
      github.comments.find((c) => c.issue === number && c.body.includes("maestro:sticky"))?.body ?? "",
    async stop() {
      await github.stop();
    },
  };
}
export type EmulatedApp = Awaited<ReturnType<typeof createEmulatedApp>>;
