/** Every permission a role can hold; routes ask for exactly one of them. */
export const PERMISSIONS = [
  'query:submit',
  'output:read',
  'policy:read',
  'policy:manage',
  'model:configure',
  'audit:read',
  'metrics:read',
  'rbac:manage',
  'keys:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** How an operator writes a role in the YAML config. */
export interface RoleConfig {
  permissions: Permission[];
  /** Globs of model names the role may call; `*` for any. */
  models?: string[];
  /** Ceiling on max_tokens / max_completion_tokens; injected when the caller sets none. */
  max_tokens?: number;
}

/** The reference design's four roles. Operators may redefine them or add more. */
export const DEFAULT_ROLES: Readonly<Record<string, RoleConfig>> = {
  agent: { permissions: ['query:submit', 'output:read'] },
  developer: { permissions: ['query:submit', 'output:read', 'policy:read', 'model:configure'] },
  auditor: { permissions: ['audit:read', 'policy:read', 'output:read', 'metrics:read'] },
  administrator: { permissions: [...PERMISSIONS] },
};
