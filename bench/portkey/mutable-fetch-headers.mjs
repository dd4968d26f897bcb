// Preloaded into Portkey's gateway by the gateway-overhead bench (node --import).
// @hono/node-server replaces the global Response with a lightweight one that, when built from a fetch() response
// (Portkey's streamed path: new Response(stream, upstreamResponse)), keeps that response's Headers object, which
// undici made immutable; Portkey then appends its x-portkey-* headers to it and every streamed request fails with
// 500 "TypeError: immutable". Re-wrapping each fetch() result with a copy of its headers gives Portkey the mutable
// headers it expects; the body stream is passed through untouched.
const upstreamFetch = globalThis.fetch;
const NativeResponse = globalThis.Response;
globalThis.fetch = async (...args) => {
  const response = await upstreamFetch(...args);
  return new NativeResponse(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
