import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies larger than this are read and dropped, so the handler sees a truncated body and refuses it. */
const maxBodyBytes = 1024 * 1024;

/** Turns a Node request into a web-standard one, keeping the raw body bytes for the signature check. */
export async function toWebRequest(request: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = request.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(new URL(request.url ?? '/', origin), { method, headers });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  return new Request(new URL(request.url ?? '/', origin), { method, headers, body: Buffer.concat(chunks) });
}

/** Writes a web-standard response to a Node one. */
export async function sendWebResponse(response: Response, to: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  to.writeHead(response.status, headers);
  to.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}
