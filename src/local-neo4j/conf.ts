// The neo4j.conf of the local server, written afresh at every start from the validated config.
import path from 'node:path';
import type { LocalNeo4jConfig } from '../config';

/** The class Java runs: also how a process is recognised as a Neo4j of ours. */
export const NEO4J_ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

/** How long Neo4j may take to shut down in order before it is killed. */
export const STOP_GRACE_MS = 60_000;

/** The jars gathered by neo4j/pom.xml (`npm run neo4j:install`). */
export function neo4jLibDir(projectRoot: string): string {
  return path.join(projectRoot, 'neo4j', 'target', 'lib');
}

export function localDirs(local: LocalNeo4jConfig) {
  return {
    conf: path.join(local.home, 'conf'),
    data: path.join(local.home, 'data'),
    logs: path.join(local.home, 'logs'),
    run: path.join(local.home, 'run'),
    import: path.join(local.home, 'import'),
    plugins: path.join(local.home, 'plugins'),
  };
}

export function renderNeo4jConf(local: LocalNeo4jConfig, libDir: string): string {
  const d = localDirs(local);
  const lines = [
    '# Written by mediagraph at every start from its configuration: edits here are overwritten.',
    `server.directories.data=${d.data}`,
    `server.directories.logs=${d.logs}`,
    `server.directories.run=${d.run}`,
    `server.directories.import=${d.import}`,
    `server.directories.plugins=${d.plugins}`,
    `server.directories.lib=${libDir}`,
    // Loopback only: the local server is for this machine's user.
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${local.boltPort}`,
    // Browser and routing tables read the advertised addresses, so they must carry the real ports.
    `server.bolt.advertised_address=127.0.0.1:${local.boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=true',
    `server.http.listen_address=127.0.0.1:${local.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${local.httpPort}`,
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    // Lets Neo4j Browser open the guide and the style that the API serves (`:guide`, `:style`).
    'browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost,127.0.0.1',
    `server.memory.pagecache.size=${local.pagecache}`,
    // The machine reaches no outside network: no usage reports, from the server or from Browser
    // (whose banner asking for them would cover the top of every session).
    'dbms.usage_report.enabled=false',
    'client.allow_telemetry=false',
    'db.tx_log.rotation.retention_policy=2 days',
  ];
  return lines.join('\n') + '\n';
}

/** The JVM flags that Neo4j's own neo4j.conf passes (server.jvm.additional), plus the heap cap. */
export function jvmFlags(local: LocalNeo4jConfig): string[] {
  return [
    `-Xmx${local.heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.tls.ephemeralDHKeySize=2048',
    '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
    '-XX:FlightRecorderOptions=stackdepth=256',
    '-XX:+UnlockDiagnosticVMOptions',
    '-XX:+DebugNonSafepoints',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
  ];
}
