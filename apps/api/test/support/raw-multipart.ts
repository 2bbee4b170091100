import { connect } from 'node:net';

/**
 * Sends one multipart upload over a raw socket, in two writes: the headers and the file's first
 * `splitAt` bytes, then (after `pauseMs`) the rest and the closing boundary. A split exactly at the
 * server's size limit makes the parser see the limit crossed by a chunk of which nothing fits — the
 * case where the file stream reports `truncated` only after its last byte was already read.
 */
export async function splitUpload(
  url: string,
  path: string,
  token: string,
  file: Buffer,
  splitAt: number,
  pauseMs = 80,
): Promise<{ status: number; body: { code?: string; id?: string; [k: string]: unknown } }> {
  const { hostname, port } = new URL(url);
  const boundary = `----rb${Date.now().toString(36)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'latin1');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const length = head.length + file.length + tail.length;
  const headers = [
    `POST ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    `Authorization: Bearer ${token}`,
    `Content-Type: multipart/form-data; boundary=${boundary}`,
    `Content-Length: ${length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  // The whole answer is in once its headers and Content-Length bytes are; the server may also close first.
  const complete = () => {
    const raw = Buffer.concat(chunks);
    const end = raw.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(raw.toString('latin1', 0, Math.max(end, 0)))?.[1];
    return end >= 0 && length !== undefined && raw.length >= end + 4 + Number(length);
  };
  const done = new Promise<string>((resolve, reject) => {
    const finish = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    socket.on('data', (c) => {
      chunks.push(c);
      if (complete()) finish();
    });
    socket.on('close', finish);
    socket.on('error', (e) => (chunks.length > 0 ? finish() : reject(e)));
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(Buffer.concat([Buffer.from(headers, 'latin1'), head, file.subarray(0, splitAt)]));
  await new Promise((r) => setTimeout(r, pauseMs));
  if (!socket.destroyed) socket.write(Buffer.concat([file.subarray(splitAt), tail]));
  const raw = await done;
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status, body };
}
