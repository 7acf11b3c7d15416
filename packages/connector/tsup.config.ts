import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // rawdash's tools read `AnthropicConnector.name`; without this esbuild renames the class to `_AnthropicConnector`
  keepNames: true
})
