// The same report without Effect: plain values, async iterables and promises.
// Run with ANTHROPIC_ADMIN_API_KEY set: `npx tsx examples/promise.ts` (plain JavaScript too: no type syntax).
import { AdminApi, AdminApiError, DecimalString } from "@rawdash/anthropic-admin-api"

const client = AdminApi.createClient({ maxRetries: 5, logLevel: "info" }) // key: ANTHROPIC_ADMIN_API_KEY
const march = { startingAt: "2026-03-01", endingAt: "2026-04-01" }

try {
  // plain values: RFC 3339 strings, numbers, null for what was not grouped by
  for await (const row of client.messagesUsageRows({ ...march, groupBy: ["model"] })) {
    console.log(`${row.starting_at.slice(0, 10)} ${row.model}: ${row.output_tokens} output tokens`)
  }
  // exact money: amounts are decimal strings in cents, added without floats
  let cents = "0"
  for await (const row of client.costReportRows(march, { signal: AbortSignal.timeout(300_000) })) {
    cents = DecimalString.add(cents, row.amount)
  }
  console.log(`March cost: $${DecimalString.round(DecimalString.centsToDollars(cents), 2)}`)
  // one page, with the request id to quote to support
  const { data, request_id } = await client
    .claudeCodeUsagePage({ day: "2026-03-02", limit: 100 })
    .withResponse()
  console.log(`Claude Code records on 2026-03-02: ${data.data.length} (request-id ${request_id})`)
} catch (error) {
  if (AdminApiError.isAdminApiError(error) || error instanceof AdminApi.AbortError) {
    console.error(`${error._tag}: ${error.message}`)
  } else throw error
} finally {
  await client.dispose()
}
