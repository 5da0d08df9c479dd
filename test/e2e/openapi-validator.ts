import { createRequire } from "node:module";
import { Ajv } from "ajv";

/** GitHub's own description of its REST API: every request Maestro makes must fit it. */
const require = createRequire(import.meta.url);
const spec = require("@octokit/openapi/generated/api.github.com.json") as {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
};

const routes = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}$`,
  ),
  // A template with fewer parameters is more specific (`/pulls/{n}/files` before `/{path}`).
  params: (template.match(/\{/g) ?? []).length,
}));

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(nullableWithoutType(spec) as object, "github");

/** What is wrong with a request by GitHub's OpenAPI description, or undefined when it fits. */
export function checkRequest(method: string, path: string, body: unknown): string | undefined {
  const lower = method.toLowerCase();
  const candidates = routes
    .filter((r) => r.pattern.test(path) && spec.paths[r.template]?.[lower])
    .sort((a, b) => a.params - b.params);
  const route = candidates[0];
  if (!route) return `${method} ${path}: no such operation in GitHub's API`;
  const operation = spec.paths[route.template]?.[lower];
  const schema = operation?.requestBody?.content?.["application/json"]?.schema;
  if (!schema || body === undefined) return undefined;
  const pointer = `github#/paths/${escape(route.template)}/${lower}/requestBody/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  if (validate(body)) return undefined;
  return `${method} ${route.template}: ${ajv.errorsText(validate.errors)}`;
}

/**
 * What is wrong with a webhook payload by GitHub's description of the event (`pull_request` with
 * action `closed` is `pull-request-closed`), or undefined when it fits.
 */
export function checkWebhook(event: string, action: string | undefined, payload: unknown): string | undefined {
  const name = `${event.replace(/_/g, "-")}${action ? `-${action}` : ""}`;
  if (!(spec as unknown as { "x-webhooks": Record<string, unknown> })["x-webhooks"][name])
    return `${name}: no such webhook in GitHub's API`;
  const pointer = `github#/x-webhooks/${name}/post/requestBody/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  return validate(payload) ? undefined : `${name}: ${ajv.errorsText(validate.errors)}`;
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * OpenAPI 3.0's `nullable` beside no `type` (as on a `oneOf`, e.g. an issue's `milestone`), which
 * Ajv refuses to compile: rewritten, in place, as "that, or null".
 */
function nullableWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(nullableWithoutType);
  else if (node && typeof node === "object") {
    const schema = node as Record<string, unknown>;
    for (const value of Object.values(schema)) nullableWithoutType(value);
    if (schema.nullable === true && !("type" in schema) && !("$ref" in schema)) {
      const rest = { ...schema };
      delete rest.nullable;
      for (const key of Object.keys(schema)) Reflect.deleteProperty(schema, key);
      schema.anyOf = [rest, { type: "null" }];
    }
  }
  return node;
}
