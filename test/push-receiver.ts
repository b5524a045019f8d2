import { createDecipheriv, createECDH, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A push service on 127.0.0.1 for tests, and the devices subscribed to it.
 * Each device has its own P-256 key pair and auth secret, as a browser makes
 * them; what arrives for it is decrypted with them (RFC 8291, aes128gcm), so
 * a test reads exactly what the phone would show.
 */
export interface Device {
  id: string;
  /** What the app sends to POST /api/me/push-subscriptions (PushSubscription.toJSON()). */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The notifications received, decrypted. */
  received: PushNotification[];
  /** The status the service answers with: 201, or 410 once the device unsubscribed in the browser. */
  status: number;
  privateKey: Buffer;
  publicKey: Buffer;
  auth: Buffer;
}

export interface PushNotification {
  title: string;
  body: string;
  url: string;
  tag: string;
  lang: string;
  /** Request headers as the push service saw them (TTL, Authorization: vapid …). */
  headers: Record<string, string | string[] | undefined>;
}

export interface PushReceiver {
  device(): Device;
  /** Every notification received by any device. */
  all(): PushNotification[];
  close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 / RFC 8188 decryption of one aes128gcm message with the device's own keys. */
export function decryptPush(body: Buffer, device: Pick<Device, 'privateKey' | 'publicKey' | 'auth'>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('a push message of more than one record');

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(device.privateKey);
  const sharedSecret = ecdh.computeSecret(serverPublicKey);
  // HKDF-SHA-256 with one block of output: extract with the salt, expand with the info and 0x01.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.publicKey, serverPublicKey]);
  const ikm = hmac(hmac(device.auth, sharedSecret), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by any number of zeros.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const devices = new Map<string, Device>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const device = devices.get(request.url?.split('/').pop() ?? '');
      if (!device) {
        response.writeHead(404).end();
        return;
      }
      if (device.status >= 400) {
        response.writeHead(device.status).end();
        return;
      }
      if (request.headers['content-encoding'] !== 'aes128gcm') {
        response.writeHead(400).end();
        return;
      }
      const text = decryptPush(Buffer.concat(chunks), device);
      device.received.push({ ...(JSON.parse(text) as Omit<PushNotification, 'headers'>), headers: request.headers });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    device() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const id = randomUUID();
      const device: Device = {
        id,
        subscription: {
          endpoint: `http://127.0.0.1:${port}/push/${id}`,
          keys: {
            p256dh: ecdh.getPublicKey().toString('base64url'),
            auth: randomBytes(16).toString('base64url'),
          },
        },
        received: [],
        status: 201,
        privateKey: ecdh.getPrivateKey(),
        publicKey: ecdh.getPublicKey(),
        auth: Buffer.alloc(0),
      };
      device.auth = Buffer.from(device.subscription.keys.auth, 'base64url');
      devices.set(id, device);
      return device;
    },
    all: () => [...devices.values()].flatMap((device) => device.received),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
