# Ireum's web UI and CLI in a container. Build stage: compile TypeScript; runtime stage: Node with
# the production dependencies only, running as the unprivileged `node` user.
#
#   docker build -t ireum .
#   docker run --rm -p 127.0.0.1:3000:3000 -e ES_URL=http://host.docker.internal:9200 ireum
#
# The image runs `ireum up` (index data/sample incrementally, then serve on 0.0.0.0:3000); any
# other command works too: `docker run --rm -e ES_URL=... ireum search "Kim Jong Un"`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_LEVEL=info
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY views ./views
COPY public ./public
COPY mappings ./mappings
COPY data ./data
USER node
EXPOSE 3000
# Liveness only: whether the process answers. /healthz (engine, alias, cluster colour) is the
# readiness check for a load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["up"]
