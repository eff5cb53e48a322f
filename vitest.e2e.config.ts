import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Tests of the built app and the sandbox: run after `npm run build`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/e2e/**/*.test.ts"],
    exclude: ["node_modules/**"],
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
