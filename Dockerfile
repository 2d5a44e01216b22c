# hurd-xen-bot: help bot for the GNU Hurd as a Xen guest (IRC, Discord).
# Build:  docker build -t hurd-xen-bot .
# Run:    see docs/operations.md (config file at /config/bot.json, optional Hurd wiki checkout at /docs).
# test/ops/docker-steps.test.ts replays these RUN/COPY/CMD/HEALTHCHECK lines outside Docker: keep them plain.

# --- build: all dependencies, compile TypeScript to dist/ ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY rules ./rules
COPY knowledge ./knowledge
COPY store ./store
COPY scripts ./scripts
COPY types ./types
COPY test/support ./test/support
RUN npm run build

# --- deps: production dependencies only (kept apart so npm's cache never reaches the image) ---
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# The store's SQLite binding is native: its own install step (a prebuilt binary for this Node, else a compile).
RUN npm rebuild better-sqlite3

# --- runtime ---
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    BOT_CONFIG_DEFAULT=/config/bot.json \
    BOT_WIKI_DIR=/docs \
    BOT_DATA_DIR=/data \
    HEALTH_PORT=9464
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge/entries ./knowledge/entries
COPY knowledge/facts ./knowledge/facts
# The official image's unprivileged user (uid 1000).
USER node
VOLUME ["/config", "/docs", "/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/bot/main.js"]
