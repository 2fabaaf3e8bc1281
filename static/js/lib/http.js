/* The one way the page scripts talk to the server (the service worker excepted).

   Every request goes with the session cookie; every request that changes something carries
   the form token in the X-CSRFToken header. Two kinds of failure:
   - HttpError: the server answered, but not with success. Our JSON errors all have the one
     shape {"error": code, "message": ..., "field": ...}; the error carries them, and the
     whole body (a 409 also sends the server's copy).
   - OfflineError: no answer at all (no wi-fi, server down). */

export class HttpError extends Error {
  constructor(status, body) {
    const data = body && typeof body === "object" ? body : {};
    super(data.message || "That did not work (error " + status + "). Please try again.");
    this.name = "HttpError";
    this.status = status;
    this.body = data;
    this.code = data.error === undefined ? null : data.error;
    this.field = data.field || null;
  }

  /* A refused session or form token: 401, or an expired form token ("form_expired"). */
  get signedOut() {
    return this.status === 401 || this.code === "form_expired";
  }
}

export class OfflineError extends Error {
  constructor(cause) {
    super((cause && cause.message) || "The server could not be reached.");
    this.name = "OfflineError";
    this.cause = cause;
  }
}

/* The page's form token (the meta tag, else a form's hidden field). */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) return meta.getAttribute("content");
  const input = document.querySelector('input[name="csrf_token"]');
  return input ? input.value : "";
}

/* A new form token from the server (after signing in again). */
export function setCsrfToken(token) {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && token) meta.setAttribute("content", token);
}

function readJson(response) {
  return response.text().then((text) => {
    if (!text) return {};
    try {
      return JSON.parse(text);
    } catch (e) {
      return {};
    }
  });
}

/* Send a request and return the Response when it succeeded.

   options: method (GET), json (a value sent as JSON), body (sent as it is: FormData,
   URLSearchParams), headers, redirect. Rejects with OfflineError or HttpError. */
export function request(url, options) {
  const opts = options || {};
  const method = opts.method || "GET";
  const headers = Object.assign({}, opts.headers);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  }
  if (method !== "GET" && method !== "HEAD") headers["X-CSRFToken"] = csrfToken();
  const init = { method, credentials: "same-origin", headers, body };
  if (opts.redirect) init.redirect = opts.redirect;
  return window.fetch(url, init).then(
    (response) => {
      if (response.ok || response.type === "opaqueredirect") return response;
      return readJson(response).then((data) => {
        throw new HttpError(response.status, data);
      });
    },
    (error) => {
      throw new OfflineError(error);
    },
  );
}

/* Send (optionally JSON) and return the JSON answer ({} when there is none). */
export function requestJson(url, options) {
  const opts = Object.assign({}, options);
  opts.headers = Object.assign({ Accept: "application/json" }, opts.headers);
  return request(url, opts).then(readJson);
}

/* GET a piece of HTML the server renders (its text is escaped there). */
export function requestText(url, headers) {
  return request(url, { headers: Object.assign({ Accept: "text/html" }, headers) })
    .then((response) => response.text());
}
