import { defineConfig } from "vitest/config"

// Runs every package's tests in one process pool with one summary.
export default defineConfig({
  test: {
    projects: ["packages/*", "bench"],
    reporters: ["default", "./scripts/plain-summary-reporter.mjs"]
  }
})
