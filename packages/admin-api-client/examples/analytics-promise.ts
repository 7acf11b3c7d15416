// The same without Effect: cost per API key and user for a week, with names for ids, then the members.
// Run with ANTHROPIC_ADMIN_API_KEY set: `npx tsx examples/analytics-promise.ts` (plain JavaScript too: no type syntax).
import { AdminApi, DecimalString } from "@rawdash/anthropic-admin-api"

const client = AdminApi.createClient() // key: ANTHROPIC_ADMIN_API_KEY
const names = client.names() // at most one listing per kind; the id (and one warning) when a name cannot be read

try {
  const week = client.analyticsCostRows({
    startingAt: "2026-03-01",
    endingAt: "2026-03-08",
    groupBy: ["api_key_id", "actor"]
  })
  for await (const row of week) {
    const { actor_name, api_key_name } = await names.group(row.group)
    const dollars = DecimalString.round(row.cost.amount_usd ?? "0", 2) // exact decimal strings, never floats
    console.log(`${api_key_name ?? "(no key)"} / ${actor_name ?? "(nobody)"}: $${dollars}`)
  }
  for await (const user of client.users.list({ limit: 100 })) {
    console.log(`${user.email} ${user.role} since ${user.added_at}`)
  }
} finally {
  await client.dispose()
}
