/**
 * The decoders the `decode-*` workloads compare: the client's Schema decode as the client calls
 * it, and the fast path (packages/admin-api-client/src/internal/fastDecode.ts, bundled from
 * source: it is internal and not wired into the client yet).
 */
import type { Schema } from "effect"
import * as FastDecode from "../../packages/admin-api-client/src/internal/fastDecode.js"

export const decoderFor = <A>(schema: Schema.Schema<A, unknown>): ((json: unknown) => A) =>
  FastDecode.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
