import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@rawdash-anthropic/source"] },
  ssr: { resolve: { conditions: ["@rawdash-anthropic/source"] } },
  // The end-to-end tests spawn the built binary: a second or more per run on a busy machine.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 }
})
