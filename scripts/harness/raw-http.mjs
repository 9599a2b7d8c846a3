// HTTP/1.1 by hand over a TCP socket, for the tests that attack the servers: malformed
// framing, slow heads, floods and bodies that never end need bytes no HTTP client sends.
// Only loopback addresses are ever used.
import net from 'node:net';
import { readFileSync } from 'node:fs';

/** host and port of a base URL such as http://127.0.0.1:8787 */
export function endpointOf(baseUrl) {
  const url = new URL(baseUrl);
  return { host: url.hostname, port: Number(url.port) };
}

/** Opens a connection from `localAddress` (127.0.0.x) to the server. */
export function connect(baseUrl, { localAddress } = {}) {
  const { host, port } = endpointOf(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Parses the first HTTP response in `text`: {status, headers (lower-case names), body},
 * or null while it is incomplete.
 */
export function parseResponse(buffer) {
  const text = buffer.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < headEnd + 4 + length) return null;
  const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  return { status, headers, body, json: () => JSON.parse(body) };
}

/**
 * Collects what the server sends on `socket` until a whole response has arrived (or, with
 * untilClose, until the server closes). Resolves to {response, closed, bytes}; response is
 * null when none arrived before the timeout or the close.
 */
export function readResponse(socket, { timeoutMs = 10_000, untilClose = false } = {}) {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve({ response: parseResponse(received), closed, bytes: received.length });
    };
    const onData = (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (!untilClose && parseResponse(received)) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', onData);
    socket.once('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => {});
  });
}

/** Sends `bytes` on a fresh connection and reads the answer (and whether the server closed). */
export async function exchange(baseUrl, bytes, { localAddress, timeoutMs = 10_000, untilClose = false } = {}) {
  const socket = await connect(baseUrl, { localAddress });
  const answer = readResponse(socket, { timeoutMs, untilClose });
  socket.write(bytes);
  const result = await answer;
  socket.destroy();
  return result;
}

/** The resident set size of process `pid`, in KiB (Linux). */
export function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}
