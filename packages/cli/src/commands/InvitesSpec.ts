/**
 * `anthropic-admin invites`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.3.0
 */
import * as CommandSpec from "../CommandSpec.js"
import * as UsersSpec from "./UsersSpec.js"

/** Invite statuses `--status` takes (the list's `statuses[]`). @since 0.3.0 */
export const STATUSES = ["pending", "accepted", "expired"] as const

/** @since 0.3.0 */
export const spec = {
  name: "invites",
  summary: "invitations to the organisation: who, which role, pending, accepted or expired",
  description: [
    "Lists the invitations to the organisation (GET /v1/organizations/invites), in the API's order: id, email, role, status, when it was sent, when it expires (21 days later) and when it was accepted. Deleted invites are not listed."
  ],
  flags: {
    statuses: {
      name: "status",
      value: "<status,…>",
      group: "grouping",
      description: `Only invites with one of these statuses: ${STATUSES.join(", ")}.`,
      default: "all three"
    },
    email: {
      name: "email",
      value: "<email>",
      group: "grouping",
      description: "Only invites to this email (exact, case-insensitive)."
    },
    roles: {
      name: "role",
      value: "<role,…>",
      group: "grouping",
      description: `Only invites for one of these roles: ${UsersSpec.ROLES.join(", ")}.`
    },
    ...CommandSpec.common
  },
  examples: [
    ["The demo organisation's invites", "anthropic-admin invites --demo"],
    ["Invites still waiting for an answer", "anthropic-admin invites --status pending"],
    ["Every invite as CSV", "anthropic-admin invites --format csv"]
  ]
} as const satisfies CommandSpec.CommandSpec
