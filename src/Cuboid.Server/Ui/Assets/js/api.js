// The gateway's JSON API with the signed-in key as a bearer token. The key lives in sessionStorage: this tab only,
// gone when it closes.

const STORAGE = 'cuboid.gateway.key';

export const getKey = () => sessionStorage.getItem(STORAGE);
export const setKey = (key) => sessionStorage.setItem(STORAGE, key);
export const clearKey = () => sessionStorage.removeItem(STORAGE);

/** An OpenAI-style error answer ({error: {message, code, param}}), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

let unauthorized = () => {};

/** What to do when a call says the key is no longer accepted (revoked while signed in). */
export function onUnauthorized(handler) { unauthorized = handler; }

function headers(key) {
  return { Authorization: `Bearer ${key ?? getKey()}` };
}

async function failure(response) {
  let error = {};
  try { error = (await response.json()).error ?? {}; } catch { /* not JSON */ }
  return new ApiError(response.status, error.code ?? `http_${response.status}`,
    error.message ?? `the gateway answered ${response.status} ${response.statusText}`, error.param);
}

/** fetch + JSON with the bearer key; throws ApiError. `key` overrides the stored key (sign-in checks a candidate). */
export async function api(path, { method = 'GET', json, signal, key } = {}) {
  const init = { method, headers: headers(key), signal };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The gateway did not answer. Check that it is still running, then try again.');
  }

  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401 && key === undefined) unauthorized(error);
    throw error;
  }

  return response.status === 204 ? null : response.json();
}

/** A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Authorization', headers().Authorization);
    request.responseType = 'json';
    request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) { resolve(request.response); return; }
      const error = request.response?.error ?? {};
      const failed = new ApiError(request.status, error.code ?? `http_${request.status}`, error.message ?? `the gateway answered ${request.status}`, error.param);
      if (request.status === 401) unauthorized(failed);
      reject(failed);
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'network', 'The upload did not reach the gateway. Check your connection and try again.')));
    request.send(form);
  });
}
