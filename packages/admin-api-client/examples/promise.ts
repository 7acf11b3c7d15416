// The same report without Effect: async iterables and promises.
// Run with ANTHROPIC_ADMIN_API_KEY set: `npx tsx examples/promise.ts`.
import { AdminApi, AdminApiError } from "@rawdash/anthropic-admin-api"

const client = AdminApi.createClient({
  apiKey: process.env.ANTHROPIC_ADMIN_API_KEY,
  onRetry: ({ delayMillis, error }) => console.warn(`${error._tag}: retrying in ${delayMillis / 1000} s`)
})

try {
  for await (const bucket of client.messagesUsage({
    startingAt: "2026-03-01T00:00:00Z",
    endingAt: "2026-04-01T00:00:00Z",
    groupBy: ["model"]
  })) {
    const output = bucket.results.reduce((sum, row) => sum + row.output_tokens, 0)
    console.log(`${bucket.starting_at.toString()}: ${output} output tokens`)
  }
  const today = await client.claudeCodeUsagePage({ day: "2026-03-01", limit: 100 })
  console.log(`Claude Code users on 2026-03-01: ${today.data.length}`)
} catch (error) {
  if (AdminApiError.isAdminApiError(error)) console.error(`${error._tag}: ${error.message}`)
  else throw error
} finally {
  await client.dispose()
}
