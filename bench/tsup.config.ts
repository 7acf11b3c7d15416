import { defineConfig } from "tsup"

// The harness runs on plain Node against the packages' built `dist` (what rawdash imports), so
// it is bundled once here; the workspace packages and effect stay external (dependencies).
// Test support and the client's not-yet-wired internal fast decoder are bundled from source.
export default defineConfig({
  entry: ["src/main.ts", "src/workload.ts", "src/server.ts", "src/profile.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  sourcemap: true,
  clean: true,
  keepNames: true
})
