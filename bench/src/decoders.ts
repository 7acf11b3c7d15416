/**
 * The decoders the `decode-*` workloads compare: the client's Schema decode as the client calls
 * it, and the fast path the client's request path runs before it
 * (packages/admin-api-client/src/internal/fastDecode.ts: internal, so bundled from source).
 */
import type { Schema } from "effect"
import * as FastDecode from "../../packages/admin-api-client/src/internal/fastDecode.js"

export const decoderFor = <A>(schema: Schema.Schema<A, unknown>): ((json: unknown) => A) =>
  FastDecode.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
