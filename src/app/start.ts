import { run } from "probot";
import app from "./maestro-app.js";
import { createMaestroOctokit } from "./maestro-octokit.js";

/**
 * `npm start`. With APP_ID, PRIVATE_KEY and WEBHOOK_SECRET it serves webhooks; without them Probot
 * offers its setup page, which registers the app from app.yml. GHE_HOST points it at GitHub
 * Enterprise Server.
 */
await run(app, { Octokit: createMaestroOctokit() });
