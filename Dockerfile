# mediagraph API image. Neo4j is not inside it: docker-compose.yml runs the official
# neo4j image beside it and points NEO4J_URI at that, so Maven and the local-Neo4j jars
# (bin/install-neo4j.js, `npm run neo4j:install`) are never needed here.

# ---- production dependencies only (cached on the lockfile alone) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
# --ignore-scripts: the root postinstall (build + Maven) must not run here; no runtime
# dependency has an install script of its own.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# ---- build: codegen + tsc into dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
# Dependencies first, without the postinstall, so this layer survives source edits.
RUN npm ci --ignore-scripts
COPY codegen.ts tsconfig.json ./
COPY schema ./schema
COPY src ./src
# The build half of the postinstall: graphql-codegen + json2ts, then tsc. The other half,
# neo4j:install (Maven), is deliberately skipped.
RUN npm run build

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    MEDIAGRAPH_MODE=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NEO4J_URI=bolt://neo4j:7687
# Root-owned and read-only for the app user: the API writes no files when NEO4J_URI is set.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# Read at run time from the project root: schema/*.graphql by dist/api/schema.js and
# schema/annotation.schema.json by dist/ingest/validate.js (../../schema/...).
COPY schema ./schema
COPY seeds ./seeds
COPY browser ./browser
USER node
EXPOSE 4000
# /ready is 200 only while Neo4j answers; the server listens after migrating and loading seeds/.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "bin/mediagraph.js", "start"]
