/**
 * `anthropic-admin users`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.3.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** Organisation roles `--role` takes (`Organization.OrganizationRole`). @since 0.3.0 */
export const ROLES = [
  "user",
  "developer",
  "billing",
  "admin",
  "claude_code_user",
  "managed",
  "membership_admin",
  "owner",
  "primary_owner"
] as const

/** @since 0.3.0 */
export const spec = {
  name: "users",
  summary: "the organisation's members: emails, names, roles, when they joined",
  description: [
    "Lists the members of the organisation (GET /v1/organizations/users), in the API's order: id, email, name, role and when they joined. Former members are not listed (the analytics reports still show their usage)."
  ],
  flags: {
    email: {
      name: "email",
      value: "<email>",
      group: "grouping",
      description: "Only the member with this email (exact, case-insensitive)."
    },
    roles: {
      name: "role",
      value: "<role,…>",
      group: "grouping",
      description: `Only members with one of these roles: ${ROLES.join(", ")} (the last four on Claude Enterprise).`
    },
    ...CommandSpec.common
  },
  examples: [
    ["The demo organisation's members", "anthropic-admin users --demo"],
    ["The admins and billing members", "anthropic-admin users --role admin,billing"],
    ["Every member as JSON", "anthropic-admin users --format json"]
  ]
} as const satisfies CommandSpec.CommandSpec
