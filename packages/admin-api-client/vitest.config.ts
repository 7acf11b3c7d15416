import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@rawdash-anthropic/source"] },
  ssr: { resolve: { conditions: ["@rawdash-anthropic/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    benchmark: { include: ["bench/**/*.bench.ts"] }
  }
})
