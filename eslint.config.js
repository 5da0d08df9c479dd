import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "schema/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The core takes facts and returns a verdict: it never reads the environment or the network.
    files: [
      "src/shared/**",
      "src/score/**",
      "src/checks/**",
      "src/analyse/**",
      "src/decide/**",
      "src/review/**",
      "src/report/**",
      "src/init/**",
      "src/commands/**",
      "src/protect/**",
      "src/feedforward/**",
      "src/gather/change.ts",
      "src/gather/memory-change.ts",
      "src/gather/snapshot-change.ts",
      "src/gather/compute-patch.ts",
    ],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "process",
          message: "The core takes facts as arguments: read the environment in an adapter or the CLI.",
        },
        { name: "fetch", message: "The core makes no network calls: fetch in an adapter." },
      ],
    },
  },
);
