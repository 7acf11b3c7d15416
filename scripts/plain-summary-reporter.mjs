// Prints one closing line in the plain form CI tooling reads, after vitest's
// own summary: "Tests: N passed, N failed, N skipped".
export default class PlainSummaryReporter {
  counts = { passed: 0, failed: 0, skipped: 0 }

  onTestRunEnd(testModules) {
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === "passed") this.counts.passed++
        else if (state === "failed") this.counts.failed++
        else this.counts.skipped++
      }
    }
  }

  onFinished() {
    const { passed, failed, skipped } = this.counts
    setImmediate(() =>
      process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
    )
  }
}
