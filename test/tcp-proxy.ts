import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP relay in front of PostgreSQL that a test can break and mend, so an
 * instance can lose its database while the real server (shared by every
 * suite running) stays up.
 *
 * - `refuseApplication(name)` turns away new connections that introduce
 *   themselves with that `application_name` (one connection of an instance,
 *   its listener say, cannot come back; all else works).
 * - `stop()` also cuts every open connection: the database is gone.
 * - `blackhole()` accepts connections and never answers, as a network
 *   that drops packets does.
 * - `start()` relays again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: 'relay' | 'blackhole' = 'relay';
  private refused: Buffer | undefined;

  private constructor(
    private readonly target: { host: string; port: number },
    public port = 0,
  ) {}

  /** A relay to the host and port of `databaseUrl`, listening on a free local port. */
  static async start(databaseUrl: string): Promise<TcpProxy> {
    const url = new URL(databaseUrl);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    return proxy;
  }

  /** `databaseUrl` with its host and port replaced by the relay's. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async start(): Promise<void> {
    this.mode = 'relay';
    await this.listen();
  }

  /** Refuse new connections named `name`, or none again with undefined. */
  refuseApplication(name: string | undefined): void {
    this.refused = name === undefined ? undefined : Buffer.from(`application_name\0${name}\0`);
  }

  async stop(): Promise<void> {
    await this.closeServer();
    this.cutAll();
  }

  async blackhole(): Promise<void> {
    await this.closeServer();
    this.cutAll();
    this.mode = 'blackhole';
    await this.listen();
  }

  private listen(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'blackhole') return;
    // The first packet a PostgreSQL client sends is its startup message, which names the application.
    client.once('data', (startup: Buffer) => {
      if (this.refused && startup.includes(this.refused)) {
        client.destroy();
        return;
      }
      this.relay(client, startup);
    });
  }

  private relay(client: Socket, startup: Buffer): void {
    const upstream = tcpConnect(this.target.port, this.target.host);
    this.track(upstream);
    upstream.write(startup);
    client.pipe(upstream);
    upstream.pipe(client);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // New connections are refused at once; close()'s callback would wait for the open ones to end.
    server?.close();
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
