/**
 * The `enrichNames` option: `api_key_name` and `workspace_name` attributes
 * next to the ids, looked up through the client's `Names` (one listing per
 * kind per sync, the id when a name cannot be read, one warning per kind).
 */
import type { Names } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import type { MetricSample } from "../Rawdash.js"

const text = (value: unknown): string | null => (typeof value === "string" ? value : null)

/**
 * The samples with `api_key_name` (`null` when `api_key_id` is `null` or
 * absent) and `workspace_name` (`null` when the samples are not grouped by
 * workspace, `groupedByWorkspace` false; the Default Workspace's name for a
 * `null` id otherwise).
 */
export const enrich = (
  names: Names.Names.Service,
  samples: ReadonlyArray<MetricSample>,
  groupedByWorkspace: boolean
): Effect.Effect<Array<MetricSample>> =>
  Effect.forEach(samples, (sample) => {
    const apiKeyId = text(sample.attributes["api_key_id"])
    const workspaceId = text(sample.attributes["workspace_id"])
    return Effect.map(
      Effect.all([
        names.apiKey(apiKeyId),
        groupedByWorkspace ? names.workspace(workspaceId) : Effect.succeed(null)
      ]),
      ([apiKeyName, workspaceName]): MetricSample => ({
        ...sample,
        attributes: { ...sample.attributes, api_key_name: apiKeyName, workspace_name: workspaceName }
      })
    )
  })
