import { defineConfig } from "vitest/config";

export default defineConfig({
  // Property-style tests run thousands of random cases: on a busy 2-core machine they need more than 5 s.
  test: { include: ["src/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
});
