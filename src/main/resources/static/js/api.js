// The service's API as the page calls it: the token, problem+json errors, the status line and event streams.

const TOKEN_KEY = 'digits.token';
const tokenInput = document.querySelector('#token');
const rememberBox = document.querySelector('#remember');

// The token lives as long as the tab (sessionStorage), unless "remember" is ticked: then it stays on this device
// (localStorage) until unticked.
export function setUpToken(onChange) {
  rememberBox.checked = localStorage.getItem(TOKEN_KEY) !== null;
  tokenInput.value = localStorage.getItem(TOKEN_KEY) || sessionStorage.getItem(TOKEN_KEY) || '';
  const keep = () => {
    const token = tokenInput.value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    if (rememberBox.checked) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  };
  tokenInput.addEventListener('change', () => { keep(); onChange(); });
  rememberBox.addEventListener('change', keep);
}

export function status(message, isError) {
  const line = document.querySelector('#status');
  line.textContent = message || '';
  line.classList.toggle('error', Boolean(isError));
}

export const report = (error) => status(error.message, true);

function authorized(headers) {
  const token = tokenInput.value.trim();
  return token ? Object.assign({ Authorization: 'Bearer ' + token }, headers) : Object.assign({}, headers);
}

/** An answer the service refused: the problem's title and detail, its status, and the problem itself (its field). */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function api(path, options = {}) {
  const response = await fetch(path, Object.assign({}, options, { headers: authorized(options.headers) }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    // problem+json names the field and the limit: show it as it is
    throw new ApiError(body && (body.detail || body.title) ? `${body.title || response.status}: ${body.detail || ''}`
      : `${response.status} ${response.statusText}`, response.status, body);
  }
  return body;
}

/** A file the service serves (an image, a zip), fetched with the token, since reads may be protected. */
export async function apiBlob(path, accept) {
  const response = await fetch(path, { headers: authorized(accept ? { Accept: accept } : {}) });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    throw new ApiError(body && body.detail ? `${body.title || response.status}: ${body.detail}`
      : `${response.status} ${response.statusText}`, response.status, body);
  }
  return response.blob();
}

export const postJson = (path, body) => api(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Server-Sent Events stream (a job's or a sweep's), read with fetch rather than EventSource so that it can send the
 * token (reads may be protected) and Last-Event-ID. It reconnects where it left off until the `done` event, and calls
 * handlers[event name] with each event's data; handlers.ended when the stream has nothing more to say.
 */
export async function follow(path, handlers, signal) {
  let lastId = null;
  while (!signal.aborted) {
    let response;
    try {
      const headers = authorized({ Accept: 'text/event-stream' });
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      response = await fetch(path, { headers, signal });
    } catch (error) {
      if (signal.aborted) return;
      status(`The event stream ${path} broke (${error.message}); reconnecting`, true);
      await pause(3000);
      continue;
    }
    if (response.status === 204) return handlers.ended && handlers.ended();
    if (!response.ok) {
      const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : {};
      if (response.status === 429 || response.status === 503) {
        // too many streams open for now: say so, and try again after the time the service asks for
        status(`Waiting to follow ${path}: ${problem.detail || response.status}`, true);
        await pause(1000 * Number(response.headers.get('Retry-After') || 5));
        continue;
      }
      status(`Cannot follow ${path}: ${problem.detail || response.status}`, true);
      return handlers.ended && handlers.ended();
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id:')) lastId = line.slice(3).trim();
            else if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5);
          }
          if (data && handlers[name]) handlers[name](JSON.parse(data));
          if (name === 'done') return undefined;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    await pause(1000);
  }
  return undefined;
}
