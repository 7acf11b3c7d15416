// The first-try install, checked the way a new user meets it: packs the client and the testing kit with
// `pnpm pack` (what `changeset publish` uploads), installs the tarballs into a scratch project with the client
// README's own `npm install` line (so `effect` and `@effect/platform` are pinned exactly as the README says),
// starts the packed testing kit's loopback fake, and runs the README's examples as written: the Effect example
// and the Promise example as ES modules, the CommonJS example with `require`. Fails on a wrong tarball
// (sources, workspace-only export conditions), an install line that drifts from the peer ranges, an example
// that does not run or prints the wrong thing, a trace header or the key on the wire or in the output.
//
// Run after the build: `node scripts/tarball-smoke.mjs` (the root `check` does). Offline-tolerant: npm prefers
// its cache; when the registry cannot be reached and the cache cannot serve the install, the check is skipped
// with a notice (exit 0) unless SMOKE_REQUIRE_REGISTRY=1. SMOKE_KEEP=1 keeps the scratch project.
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const started = performance.now()
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const CLIENT = join(root, "packages/admin-api-client")
const TESTING = join(root, "packages/testing")
const KEY = "sk-ant-admin01-SMOKE-TEST-KEY-never-printed-0123456789"
const EXAMPLE_TIMEOUT_MS = 60_000
const INSTALL_TIMEOUT_MS = 90_000

const failures = []
const fail = (message) => failures.push(message)
const step = (message) =>
  console.log(`[tarball-smoke] ${message} (${((performance.now() - started) / 1000).toFixed(1)} s)`)
let scratch
const done = (code) => {
  for (const message of failures) console.error(`[tarball-smoke] FAIL: ${message}`)
  if (scratch !== undefined && process.env.SMOKE_KEEP !== "1")
    rmSync(scratch, { recursive: true, force: true })
  step(code === 0 ? "ok" : `${failures.length} failure(s)`)
  process.exit(code)
}

// 1. The install line and the examples, from the client README.
const readme = readFileSync(join(CLIENT, "README.md"), "utf8")
const installLine = readme.match(/^npm install @rawdash\/anthropic-admin-api( .*)?$/m)?.[0]
if (installLine === undefined) {
  fail("the client README has no `npm install @rawdash/anthropic-admin-api …` line")
  done(1)
}
const { peerDependencies } = JSON.parse(readFileSync(join(CLIENT, "package.json"), "utf8"))
const installArgs = installLine.split(/\s+/).slice(2)
for (const [name, range] of Object.entries(peerDependencies)) {
  if (!installArgs.includes(`${name}@${range}`)) {
    fail(`the README install line must pin ${name}@${range} (the peer range), got: ${installLine}`)
  }
}
const codeAfter = (heading, lang) => {
  const at = readme.indexOf(`\n${heading}\n`)
  const block = at < 0 ? null : /```(\w+)\n([\s\S]*?)```/.exec(readme.slice(at))
  if (block === null || block[1] !== lang) {
    fail(`the client README has no \`\`\`${lang} block under "${heading}"`)
    return ""
  }
  return block[2]
}
const MODEL_LINE = /^2026-03-\d\d claude-[\w.-]+: \d+ output tokens$/m
const examples = [
  {
    file: "effect-example.mjs",
    code: codeAfter("## Effect example", "ts"),
    expect: [MODEL_LINE, /^March cost: \$\d+(\.\d+)?$/m]
  },
  {
    file: "promise-example.mjs",
    code: codeAfter("## Promise example", "ts"),
    expect: [
      MODEL_LINE,
      /^March cost: \$\d+\.\d\d$/m,
      /^Claude Code records on 2026-03-02: [1-9]\d* \(request-id \S+\)$/m
    ]
  },
  {
    file: "commonjs-example.cjs",
    code: codeAfter("### CommonJS", "js"),
    expect: [/^2026-03-01: \$\d+\.\d\d$/m, /^2026-03-07: \$\d+\.\d\d$/m]
  }
]
if (failures.length > 0) done(1)

// 2. Pack both packages as they would be published.
for (const dir of [CLIENT, TESTING]) {
  if (!existsSync(join(dir, "dist", "index.js"))) {
    fail(`${dir} is not built; run the build first`)
    done(1)
  }
}
scratch = mkdtempSync(join(tmpdir(), "admin-api-smoke-"))
const tarballs = join(scratch, "tarballs")
mkdirSync(tarballs)
const localPnpm = join(root, "node_modules", ".bin", "pnpm")
const pnpm = existsSync(localPnpm) ? [localPnpm] : ["npx", "-y", "pnpm@10.34.9"]
const pack = (dir) => {
  const before = new Set(readdirSync(tarballs))
  execFileSync(pnpm[0], [...pnpm.slice(1), "pack", "--pack-destination", tarballs], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"]
  })
  const created = readdirSync(tarballs).find((name) => !before.has(name) && name.endsWith(".tgz"))
  if (created === undefined) throw new Error(`pnpm pack wrote no tarball for ${dir}`)
  return join(tarballs, created)
}
const clientTarball = pack(CLIENT)
const testingTarball = pack(TESTING)
step(`packed ${clientTarball.split("/").pop()} and ${testingTarball.split("/").pop()}`)

// 3. The client tarball holds only what users need.
const entries = execFileSync("tar", ["tzf", clientTarball], { encoding: "utf8" }).trim().split("\n")
for (const entry of entries) {
  if (!/^package\/(dist\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(entry)) {
    fail(`the client tarball ships ${entry}`)
  }
  if (/\.d\.c?ts\.map$/.test(entry)) fail(`the client tarball ships ${entry} (its sources are not shipped)`)
}
const packedJson = execFileSync("tar", ["xzf", clientTarball, "-O", "package/package.json"], {
  encoding: "utf8"
})
if (packedJson.includes("@rawdash-anthropic/source")) {
  fail("the packed client package.json keeps the workspace-only @rawdash-anthropic/source condition")
}
const packedExports = JSON.parse(packedJson).exports?.["."] ?? {}
if (!packedExports.import?.default || !packedExports.require?.default) {
  fail("the packed client package.json must export both import and require")
}

// 4. A scratch project, installed with the README's own line (tarball in place of the registry name).
const project = join(scratch, "project")
mkdirSync(project)
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "smoke", private: true }, null, 2))
for (const example of examples) writeFileSync(join(project, example.file), example.code)
const npmArgs = (mode) => [
  "install",
  ...installArgs.map((arg) => (arg === "@rawdash/anthropic-admin-api" ? clientTarball : arg)),
  testingTarball,
  "--no-audit",
  "--no-fund",
  "--loglevel=error",
  // an unreachable registry fails within seconds instead of npm's minutes of retries
  "--fetch-retries=1",
  "--fetch-retry-mintimeout=2000",
  "--fetch-retry-maxtimeout=5000",
  "--fetch-timeout=30000",
  mode
]
const install = (mode) => {
  try {
    execFileSync("npm", npmArgs(mode), {
      cwd: project,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: INSTALL_TIMEOUT_MS
    })
    return { ok: true }
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }
  }
}
step(`npm ${npmArgs("--prefer-offline").slice(0, 4).join(" ")} …`)
/** Whether the configured registry answers (npm reports a dead registry as ERESOLVE while installing peers). */
const registryReachable = () => {
  try {
    execFileSync("npm", ["ping", "--fetch-retries=0", "--fetch-timeout=10000"], {
      cwd: project,
      stdio: "ignore",
      timeout: 20_000
    })
    return true
  } catch {
    return false
  }
}
let installed = install("--prefer-offline")
// the registry is unreachable: try the cache alone; if that cannot serve the install either, the network is why
const offline = !installed.ok && !registryReachable()
if (offline) installed = install("--offline")
if (!installed.ok) {
  if (offline && process.env.SMOKE_REQUIRE_REGISTRY !== "1") {
    console.warn(
      `[tarball-smoke] SKIPPED: the npm registry is unreachable and the cache cannot serve the install.`
    )
    console.warn(installed.output.split("\n").slice(0, 5).join("\n"))
    done(0)
  }
  fail(`npm install failed:\n${installed.output}`)
  done(1)
}
const versionOf = (name) =>
  JSON.parse(readFileSync(join(project, "node_modules", name, "package.json"), "utf8")).version
const versions = { effect: versionOf("effect"), "@effect/platform": versionOf("@effect/platform") }
step(`installed effect@${versions.effect} @effect/platform@${versions["@effect/platform"]}`)
if (!versions.effect.startsWith("3.")) fail(`the README line installed effect ${versions.effect}, not 3.x`)
if (!versions["@effect/platform"].startsWith("0.97.")) {
  fail(`the README line installed @effect/platform ${versions["@effect/platform"]}, not 0.97.x`)
}

// 5. The packed testing kit's loopback fake, with March 2026 in its history.
const kit = await import(
  pathToFileURL(join(project, "node_modules/@rawdash/anthropic-admin-api-testing/dist/index.js")).href
)
const server = await kit.FakeServer.serve({
  organization: { seed: 12, days: 62, now: Date.UTC(2026, 3, 2, 12) },
  adminKeys: [KEY]
})

const run = (file) =>
  new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [file], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ANTHROPIC_ADMIN_API_KEY: KEY,
        ANTHROPIC_BASE_URL: server.url
      },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), EXAMPLE_TIMEOUT_MS)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      resolvePromise({ code, signal, stdout, stderr })
    })
  })

try {
  for (const example of examples) {
    const before = server.log.length
    const result = await run(example.file)
    const requests = server.log.slice(before)
    step(
      `${example.file}: exit ${result.code ?? result.signal}, ${result.stdout.split("\n").length - 1} lines, ${requests.length} requests`
    )
    if (result.code !== 0) {
      fail(
        `${example.file} exited with ${result.code ?? result.signal}:\n${result.stderr}${result.stdout.slice(-2000)}`
      )
      continue
    }
    for (const pattern of example.expect) {
      if (!pattern.test(result.stdout))
        fail(`${example.file} printed no line matching ${pattern}:\n${result.stdout.slice(0, 2000)}`)
    }
    if (`${result.stdout}${result.stderr}`.includes(KEY)) fail(`${example.file} printed the API key`)
    if (requests.length === 0) fail(`${example.file} sent no request to the fake`)
    for (const entry of requests) {
      if (entry.credential !== "admin") fail(`${example.file}: request ${entry.sequence} sent no admin key`)
      if (entry.status !== 200) fail(`${example.file}: request ${entry.sequence} answered ${entry.status}`)
      const traced = Object.keys(entry.headers).filter((name) => name === "traceparent" || name === "b3")
      if (traced.length > 0) fail(`${example.file}: request ${entry.sequence} carried ${traced.join(", ")}`)
    }
  }
} finally {
  await server.close()
  if (process.env.SMOKE_KEEP === "1") console.log(`[tarball-smoke] kept ${scratch}`)
}
done(failures.length === 0 ? 0 : 1)
