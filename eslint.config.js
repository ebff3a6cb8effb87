// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "src/core/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { global: "readonly", URLSearchParams: "readonly", process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", fetch: "readonly", performance: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The pure core must not reach the outside world (ARCHITECTURE.md: no node:*, no undici, no process).
    files: ["src/core/**/*.ts", "src/render/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "undici", "../cli/*", "../databricks/*", "../emulator/*"] }],
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    // The emulator is the other side of the wire: it keeps its own copy of the API's behaviour.
    files: ["src/emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/core/*", "**/render/*", "**/apply/*", "**/databricks/*"] }],
    },
  },
);
