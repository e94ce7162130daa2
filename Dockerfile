# syntax=docker/dockerfile:1
# Bulwark's image: compiled JavaScript, production dependencies, the rule catalogue, a non-root
# user. It runs with a read-only root filesystem: the only place it writes is /data (the SQLite
# audit store; nothing at all with a postgres:// DATABASE_URL).

# Node 22 LTS: the pinned dependency set runs on Node 20.19+ and 22.12+ (package.json engines).
ARG NODE_IMAGE=node:22-bookworm-slim

# better-sqlite3 is a native addon: node_modules is installed where a compiler is at hand (when no
# prebuilt binary matches), on the same Debian and Node as the runtime stage, and copied over.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY proxy ./proxy
COPY migrations ./migrations
RUN npm run build

FROM toolchain AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# NODE_ENV=production keeps LOG_FORMAT=auto on JSON even on a terminal (pino-pretty is a
# development dependency, not in the image).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    METRICS_PORT=9464 \
    RULES_DIR=/app/rules \
    DATABASE_URL=/data/bulwark.db
WORKDIR /app
# package.json carries "type": "module", which the compiled files need.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
# Migrations are compiled in (migrations/index.ts is a static map); the rules are read at run time.
COPY --from=build /app/dist ./dist
COPY rules/*.yaml ./rules/
# The node image's "node" user, by number so that Kubernetes' runAsNonRoot can check it.
RUN mkdir /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 8080 9464
# No curl in the image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/proxy/main.js"]
