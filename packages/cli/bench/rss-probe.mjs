/* global process */
// Preloaded with `node --import` by startup.mjs: when the process exits, appends its own peak resident
// set size (kilobytes, from the operating system via process.resourceUsage) to the file RSS_PROBE_OUT names.
import { appendFileSync } from "node:fs"

const out = process.env.RSS_PROBE_OUT
if (out) {
  process.on("exit", () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`))
}
