// Emits exact declaration files for a package: `tsc` writes ESM `.d.ts` into
// dist/types, then each gets a CommonJS twin (`.d.cts`, relative specifiers
// rewritten to `.cjs`) so `require` consumers see CJS types (attw: no
// "masquerading" errors). Bundled d.ts (rollup-plugin-dts) drops values that
// share a name with a type inside `export * as` namespaces, so we don't bundle.
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

const outDir = join(process.cwd(), "dist", "types")
rmSync(outDir, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" })

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

for (const file of walk(outDir)) {
  if (file.endsWith(".d.ts")) {
    const cts = readFileSync(file, "utf8").replace(
      /(from\s+|import\()(["'])(\.{1,2}\/[^"']+)\.js\2/g,
      "$1$2$3.cjs$2"
    )
    writeFileSync(file.replace(/\.d\.ts$/, ".d.cts"), cts)
  } else if (file.endsWith(".d.ts.map")) {
    writeFileSync(file.replace(/\.d\.ts\.map$/, ".d.cts.map"), readFileSync(file))
  }
}
