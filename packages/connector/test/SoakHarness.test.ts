/**
 * The soak harness itself: it can fail. A deliberate regression (the issue's
 * data loss: a resumed call's writes replace days back to the window's start,
 * deleting what earlier calls wrote) is caught and reported with its seeds;
 * the same seed always replays the same scenario and outcome; the oracle the
 * bounded run compares with equals the connector's actual fault-free run.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { drawScenario, runScenario, soak } from "./support/soak.js"

describe("soak harness", () => {
  it.effect(
    "catches a deliberate regression (resumed writes widened back to the window start) and prints the seeds",
    () =>
      Effect.gen(function* () {
        const broken = yield* soak(1, 60, { regression: "widen-replace-window-on-resume" })
        expect(broken.violations.length).toBeGreaterThan(0)
        for (const violation of broken.violations) expect(violation).toMatch(/^seed \d+: /)
        expect(broken.violations.join("\n")).toMatch(
          /storage differs from the fault-free run|neither entirely old nor entirely new/
        )
        // the same seeds without the regression: clean
        const seeds = [...new Set(broken.violations.map((v) => Number(/^seed (\d+)/.exec(v)?.[1])))]
        for (const seed of seeds.slice(0, 5)) {
          expect((yield* runScenario(seed)).violations).toEqual([])
        }
      }),
    120_000
  )

  it.effect("a seed replays the same scenario and the same outcome", () =>
    Effect.gen(function* () {
      for (const seed of [7, 42, 1234]) {
        expect(drawScenario(seed)).toEqual(drawScenario(seed))
        const [a, b] = [yield* runScenario(seed), yield* runScenario(seed)]
        expect(a).toEqual(b)
      }
      expect(drawScenario(1)).not.toEqual(drawScenario(2))
    })
  )

  it.effect(
    "the oracle equals the connector's fault-free run (seeds 301-330, reference both)",
    () =>
      Effect.gen(function* () {
        const summary = yield* soak(301, 30, { reference: "both" })
        expect(summary.violations).toEqual([])
      }),
    120_000
  )

  it("the scenarios draw every fault the issue lists, storage faults, aborts and plans of every kind", () => {
    const scenarios = Array.from({ length: 300 }, (_, i) => drawScenario(i + 1))
    const kinds = new Set(scenarios.flatMap((s) => s.faults.map((f) => f.fault.kind)))
    for (const kind of [
      "rate-limited",
      "unavailable",
      "overloaded",
      "internal-error",
      "request-timeout",
      "drop-connection",
      "truncated-body",
      "malformed-json",
      "html-body",
      "stall",
      "latency",
      "expired-cursor",
      "drift",
      "empty-page",
      "missing-bucket",
      "stray-bucket",
      "unaligned-buckets",
      "huge-amount",
      "repeated-cursor",
      "has-more-without-next-page",
      "spend-limit-reached",
      "redirect"
    ]) {
      expect(kinds.has(kind as never), kind).toBe(true)
    }
    const retryAfter = new Set(
      scenarios.flatMap((s) =>
        s.faults.map((f) => {
          const hint = (f.fault as { retryAfter?: Record<string, number> }).retryAfter
          return hint === undefined ? "none" : Object.keys(hint)[0]
        })
      )
    )
    expect([...retryAfter].sort()).toEqual(["httpDate", "milliseconds", "none", "seconds"])
    expect(new Set(scenarios.flatMap((s) => s.writeFaults.map(([, fault]) => fault)))).toEqual(
      new Set(["fail", "hang", "abort-inside", "abort-after"])
    )
    expect(scenarios.some((s) => s.abortAtRequest !== undefined)).toBe(true)
    expect(new Set(scenarios.map((s) => s.options.mode))).toEqual(new Set(["full", "latest"]))
    expect(scenarios.some((s) => s.options.since !== undefined)).toBe(true)
    expect(scenarios.some((s) => s.settings.workspaceIds !== undefined)).toBe(true)
    expect(scenarios.some((s) => s.settings.resources !== undefined)).toBe(true)
    expect(scenarios.some((s) => s.options.resources !== undefined)).toBe(true)
    expect(scenarios.some((s) => s.rateLimit !== undefined)).toBe(true)
  })
})
