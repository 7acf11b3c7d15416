import { describe, expect, it } from "@effect/vitest"
import { AdminApiError } from "@rawdash/anthropic-admin-api"
import * as ExitCode from "../src/ExitCode.js"
import { FlagError, MissingKeyError, SyncError } from "../src/FlagError.js"

describe("ExitCode.classify", () => {
  it("bad flags and parameters: 2, naming the flag", () => {
    expect(ExitCode.classify(new FlagError({ flag: "--last", reason: "bad" }), 4)).toEqual({
      code: 2,
      message: "--last: bad"
    })
    const param = new AdminApiError.InvalidParameterError({
      field: "bucketWidth",
      allowed: "1m, 1h or 1d",
      received: '"1w"'
    })
    expect(ExitCode.classify(param, 4)).toEqual({
      code: 2,
      message: '--bucket: invalid value "1w"; allowed: 1m, 1h or 1d'
    })
    const rejected = new AdminApiError.InvalidRequestError({
      status: 400,
      errorType: "invalid_request_error",
      apiMessage: "no"
    })
    expect(ExitCode.classify(rejected, 4).code).toBe(2)
  })

  it("authentication and permission: 3, with the Admin-key hint", () => {
    for (const error of [
      new AdminApiError.AuthenticationError({ status: 401, apiMessage: "invalid x-api-key" }),
      new AdminApiError.PermissionError({ status: 403, apiMessage: "no" })
    ]) {
      const report = ExitCode.classify(error, 4)
      expect(report.code).toBe(3)
      expect(report.message).toContain(AdminApiError.ADMIN_KEY_HINT)
    }
    expect(ExitCode.classify(new MissingKeyError(), 4).code).toBe(3)
  })

  it("rate limits and overload left after the budget: 4, saying how many retries were made", () => {
    const report = ExitCode.classify(
      new AdminApiError.RateLimitError({ status: 429, apiMessage: "slow down" }),
      1
    )
    expect(report.code).toBe(4)
    expect(report.message).toContain("after 1 retry")
    expect(report.message).toContain("--max-retries")
    expect(
      ExitCode.classify(new AdminApiError.OverloadedError({ status: 529, apiMessage: "busy" }), 4).code
    ).toBe(4)
  })

  it("without --max-retries the budget is the client's time budget, and the message says so", () => {
    const report = ExitCode.classify(
      new AdminApiError.RateLimitError({ status: 429, apiMessage: "slow down" }),
      Number.POSITIVE_INFINITY
    )
    expect(report.code).toBe(4)
    expect(report.message).toContain("after retrying for 3 minutes (the default budget)")
    expect(report.message).toContain("--max-retries")
    expect(report.message).not.toContain("Infinity")
  })

  it("anything else: 1", () => {
    expect(
      ExitCode.classify(new AdminApiError.ServerError({ status: 500, apiMessage: "oops" }), 4).code
    ).toBe(1)
    expect(
      ExitCode.classify(new AdminApiError.TransportError({ method: "GET", path: "/", reason: "refused" }), 4)
        .code
    ).toBe(1)
    expect(ExitCode.classify(new SyncError({ reason: "storage" }), 4).code).toBe(1)
  })
})

describe("ExitCode.oneLine", () => {
  it("folds lines and removes keys, while key prefixes in hints stay", () => {
    const key = `sk-ant-admin01-${"a".repeat(40)}`
    expect(ExitCode.oneLine(`failed:\n  key ${key} refused`)).toBe("failed: key sk-ant-[redacted] refused")
    expect(ExitCode.oneLine("needs an Admin key (sk-ant-admin…)")).toBe("needs an Admin key (sk-ant-admin…)")
    expect(ExitCode.oneLine("token abc123secret456 leaked", ["abc123secret456"])).toBe(
      "token [redacted] leaked"
    )
  })
})
