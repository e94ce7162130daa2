import { DEFAULT_ROLES, type Permission, type RoleConfig } from './permissions.ts';

export interface Role {
  readonly name: string;
  readonly permissions: ReadonlySet<Permission>;
  readonly models: readonly string[];
  readonly maxTokens: number | undefined;
  allowsModel(model: string): boolean;
}

export type Roles = ReadonlyMap<string, Role>;

/** `*` matches any run of characters, `?` one; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The default roles, with the operator's roles from config added or replacing them by name. */
export function compileRoles(configured: Readonly<Record<string, RoleConfig>> = {}): Roles {
  const roles = new Map<string, Role>();
  for (const [name, config] of Object.entries({ ...DEFAULT_ROLES, ...configured })) {
    const models = config.models ?? ['*'];
    const patterns = models.map(globToRegExp);
    roles.set(name, {
      name,
      permissions: new Set(config.permissions),
      models,
      maxTokens: config.max_tokens,
      allowsModel: (model) => patterns.some((p) => p.test(model)),
    });
  }
  return roles;
}
