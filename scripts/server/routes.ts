/** One route of the server, answered in two steps so that a body is read only when it is wanted. */
export interface Route {
  /** The largest body read for this route, in bytes; 0 reads none. A larger one is refused (413) without reading it. */
  bodyLimit: number;
  /** Answers from the method and headers alone (405, 415, 429 …), before any of the body is read; `undefined` goes on. */
  precheck?(request: Request, client: string): Response | undefined;
  /** The 413 answer; a plain one by default. */
  tooLarge?(request: Request): Response;
  /** Answers the request; its body (up to `bodyLimit`) is in `request`. `client` is the client's address. */
  handle(request: Request, client: string): Promise<Response>;
}
