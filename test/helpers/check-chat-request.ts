import { readFileSync } from "node:fs";
import { Ajv } from "ajv";

type Schema = { [key: string]: unknown };

/** OpenAI's own description of POST /chat/completions, vendored in test/fixtures/openai (see its README). */
const description = JSON.parse(
  readFileSync(new URL("../fixtures/openai/chat-completions.json", import.meta.url), "utf8"),
) as { components: { schemas: Record<string, Schema> } };
const schemas = description.components.schemas;

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(nullableAsNull(description) as object, "openai");
const validateRequest = ajv.compile({ $ref: "openai#/components/schemas/CreateChatCompletionRequest" });
const validateAnswer = ajv.compile({ $ref: "openai#/components/schemas/CreateChatCompletionResponse" });
const validateError = ajv.compile({ $ref: "openai#/components/schemas/ErrorResponse" });

/** The schema lets any other key through, but OpenAI answers 400 "Unrecognized request argument supplied". */
const knownArguments = new Set(propertiesOf(schemas.CreateChatCompletionRequest));

/**
 * What a real OpenAI server would refuse in a chat completion request body, or [] when it would take it:
 * OpenAI's schema, plus the rules its server enforces that the schema does not say.
 */
export function checkChatRequest(body: unknown): string[] {
  if (!validateRequest(body)) return (validateRequest.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`);
  const request = body as Schema & { messages: unknown[]; response_format?: Schema };
  const unknown = Object.keys(request).filter((key) => !knownArguments.has(key));
  return [
    ...unknown.map((key) => `Unrecognized request argument supplied: ${key}`),
    ...responseFormatProblems(request.response_format, request.messages),
  ];
}

/** What in a chat completion answer or an error answer does not fit OpenAI's description, or []: the server's own check. */
export function checkChatAnswer(status: number, answer: unknown): string[] {
  const validate = status === 200 ? validateAnswer : validateError;
  return validate(answer) ? [] : (validate.errors ?? []).map((e) => `answer${e.instancePath} ${e.message}`);
}

function responseFormatProblems(format: Schema | undefined, messages: unknown[]): string[] {
  // OpenAI refuses JSON mode unless the prompt asks for JSON, so that the model is told what to write.
  if (format?.type === "json_object" && !/json/i.test(JSON.stringify(messages)))
    return ["'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'."];
  const jsonSchema = format?.type === "json_schema" ? (format.json_schema as Schema) : undefined;
  if (!jsonSchema) return [];
  const name = String(jsonSchema.name);
  const problems = /^[a-zA-Z0-9_-]{1,64}$/.test(name)
    ? []
    : [`Invalid 'response_format.json_schema.name': '${name}' is not 1 to 64 of a-z, A-Z, 0-9, _ and -.`];
  if (jsonSchema.strict !== true) return problems;
  const schema = jsonSchema.schema as Schema | undefined;
  if (schema?.type !== "object")
    return [
      ...problems,
      `Invalid schema for response_format '${name}': schema must be a JSON Schema of 'type: "object"'.`,
    ];
  return [
    ...problems,
    ...strictProblems(schema, "root").map((p) => `Invalid schema for response_format '${name}': ${p}`),
  ];
}

/**
 * Strict structured output accepts only closed objects that require every key they list
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas).
 */
function strictProblems(schema: Schema, at: string): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (schema.type === "object" || schema.properties) {
    if (schema.additionalProperties !== false)
      problems.push(`In context=${at}, 'additionalProperties' is required to be supplied and to be false.`);
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).filter((key) => !required.includes(key));
    if (missing.length > 0)
      problems.push(
        `In context=${at}, 'required' must include every key in properties. Missing ${missing.join(", ")}.`,
      );
  }
  const children: [string, unknown][] = [
    ...Object.entries(properties).map(([key, child]): [string, unknown] => [`${at}.${key}`, child]),
    [`${at}[]`, schema.items],
    ...["anyOf", "$defs", "definitions"].flatMap((keyword) =>
      Object.entries((schema[keyword] ?? {}) as object).map(([key, child]): [string, unknown] => [
        `${at}.${key}`,
        child,
      ]),
    ),
  ];
  for (const [path, child] of children)
    if (child && typeof child === "object") problems.push(...strictProblems(child as Schema, path));
  return problems;
}

function propertiesOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const parts = (schema.allOf ?? []) as Schema[];
  const referenced =
    typeof schema.$ref === "string" ? schemas[schema.$ref.replace("#/components/schemas/", "")] : undefined;
  return [
    ...Object.keys((schema.properties ?? {}) as object),
    ...parts.flatMap(propertiesOf),
    ...propertiesOf(referenced),
  ];
}

/**
 * The description mixes OpenAPI 3.0's `nullable: true` into its 3.1 schemas, often next to no `type`, which ajv will
 * not compile. A real server takes null there, so each such schema becomes "this, or null".
 */
function nullableAsNull(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsNull);
  if (!node || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Schema;
  const copy = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      // Under `properties` the keys are names, not keywords: a property may be called "nullable".
      key === "properties" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, nullableAsNull(child)]))
        : nullableAsNull(value),
    ]),
  );
  return nullable === true ? { anyOf: [copy, { type: "null" }] } : copy;
}
