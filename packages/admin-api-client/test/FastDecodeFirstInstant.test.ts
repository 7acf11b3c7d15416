import { expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { UsageReport } from "../src/index.js"
import * as FastDecode from "../src/internal/fastDecode.js"

// Its own file, so that this is the first instant the process's compiled decoder ever sees: the kept
// last instant starts empty, and an absent instant must not be taken for it.
it("a page whose first bucket has no starting_at is refused, even before any instant was decoded", () => {
  const page = {
    data: [{ ending_at: "2026-03-02T00:00:00Z", results: [] }],
    has_more: false,
    next_page: null
  }
  const options = { onExcessProperty: "ignore" } as const
  expect(FastDecode.probe(UsageReport.UsagePage, page, options)._tag).toBe("reject")
  expect(Schema.decodeUnknownEither(UsageReport.UsagePage, options)(page)._tag).toBe("Left")
})
