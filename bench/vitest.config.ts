import { defineConfig } from "vitest/config"

export default defineConfig({
  // The smoke run spawns the built harness, which starts servers and workers: give it room on a busy machine.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000 }
})
