/**
 * The fake's model catalogue: display names, capabilities and fixed per-token
 * rates, derived from a model id. The rates are shaped like the public price
 * list (per million tokens, per token type) but are the fake's own constants.
 */

/** A price in picocents (10^-12 cents) per token; cents per million tokens × 10^6. */
export type Rate = bigint

/** Token kinds as the cost report's `token_type` names them. */
export const TOKEN_TYPES = [
  "uncached_input_tokens",
  "output_tokens",
  "cache_read_input_tokens",
  "cache_creation.ephemeral_5m_input_tokens",
  "cache_creation.ephemeral_1h_input_tokens"
] as const

/** One of {@link TOKEN_TYPES}. */
export type TokenType = (typeof TOKEN_TYPES)[number]

/** What the fake knows about a model. */
export interface ModelInfo {
  readonly id: string
  readonly displayName: string
  readonly family: "opus" | "sonnet" | "haiku" | "other"
  /** Released in or after Feb 2026: reports a real `inference_geo` (else `not_available`). */
  readonly supportsGeo: boolean
  /** Has a 1M-token context window (`200k-1M` usage). */
  readonly supportsLongContext: boolean
  /** Supports fast mode (`speed: "fast"`). */
  readonly supportsFast: boolean
  /** Relative token volume, so cheap models see more traffic. */
  readonly volume: number
  /** Standard-tier rates for 0-200k context, per token type. */
  readonly rates: Readonly<Record<TokenType, Rate>>
}

const version = (id: string): number => {
  // "claude-sonnet-4-5", "claude-opus-4-20250514" (family first) or "claude-3-5-haiku-20241022" (version first);
  // an 8-digit date is never a version.
  const m =
    /(?:opus|sonnet|haiku)-(\d{1,2})(?!\d)(?:-(\d)(?!\d))?/.exec(id) ??
    /claude-(\d{1,2})(?!\d)(?:-(\d)(?!\d))?/.exec(id)
  if (m === null) return 0
  return Number(m[1]) + (m[2] === undefined ? 0 : Number(m[2]) / 10)
}

/** "claude-sonnet-4-5" → "Claude Sonnet 4.5"; "claude-3-5-haiku-20241022" → "Claude 3.5 Haiku". */
export const displayName = (id: string): string => {
  const words: Array<string> = []
  for (const part of id.split("-")) {
    if (/^\d{8}$/.test(part)) continue
    const last = words[words.length - 1]
    if (/^\d$/.test(part) && last !== undefined && /^\d+$/.test(last)) {
      words[words.length - 1] = `${last}.${part}`
    } else {
      words.push(part.length === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))
    }
  }
  return words.join(" ")
}

const perMTok = (cents: number): Rate => BigInt(Math.round(cents * 1_000_000))

/** Describes a model id, known or not. */
export const modelInfo = (id: string): ModelInfo => {
  const family = id.includes("opus")
    ? "opus"
    : id.includes("sonnet")
      ? "sonnet"
      : id.includes("haiku")
        ? "haiku"
        : "other"
  const v = version(id)
  const [input, output] =
    family === "opus"
      ? v >= 4.5
        ? [500, 2500]
        : [1500, 7500]
      : family === "haiku"
        ? v >= 4.5
          ? [100, 500]
          : [80, 400]
        : [300, 1500]
  return {
    id,
    displayName: displayName(id),
    family,
    supportsGeo: v >= 4.6,
    supportsLongContext: (family === "sonnet" && v >= 4) || (family === "opus" && v >= 4.6),
    supportsFast: family === "opus" && v >= 4.6,
    volume: family === "haiku" ? 6 : family === "opus" ? 1 : 3,
    rates: {
      uncached_input_tokens: perMTok(input),
      output_tokens: perMTok(output),
      cache_read_input_tokens: perMTok(input / 10),
      "cache_creation.ephemeral_5m_input_tokens": perMTok(input * 1.25),
      "cache_creation.ephemeral_1h_input_tokens": perMTok(input * 2)
    }
  }
}

/** The rate of a token type once tier, context window, speed and geo are applied. */
export const effectiveRate = (
  info: ModelInfo,
  tokenType: TokenType,
  stream: {
    readonly serviceTier: string
    readonly contextWindow: string
    readonly speed: string
    readonly inferenceGeo: string
  }
): Rate => {
  let num = info.rates[tokenType]
  let den = 1n
  if (stream.serviceTier === "batch") den *= 2n
  if (stream.contextWindow === "200k-1M") {
    if (tokenType === "output_tokens") {
      num *= 3n
      den *= 2n
    } else {
      num *= 2n
    }
  }
  if (stream.speed === "fast") num *= 6n
  if (stream.inferenceGeo === "us") {
    num *= 11n
    den *= 10n
  }
  return num / den
}

/** Token-type labels used in cost descriptions. */
export const TOKEN_LABELS: Readonly<Record<TokenType, string>> = {
  uncached_input_tokens: "Input Tokens",
  output_tokens: "Output Tokens",
  cache_read_input_tokens: "Cache Read Input Tokens",
  "cache_creation.ephemeral_5m_input_tokens": "5m Cache Write Input Tokens",
  "cache_creation.ephemeral_1h_input_tokens": "1h Cache Write Input Tokens"
}

/** Formats picocents as a decimal string of cents, exactly, without trailing zeros: 1446301250000000n → "1446.30125". */
export const formatPicocents = (value: bigint): string => {
  const negative = value < 0n
  const abs = negative ? -value : value
  const whole = abs / 1_000_000_000_000n
  const frac = (abs % 1_000_000_000_000n).toString().padStart(12, "0").replace(/0+$/, "")
  return `${negative ? "-" : ""}${whole.toString()}${frac.length > 0 ? `.${frac}` : ""}`
}
