// The dashboard's only way to the platform: the public GraphQL API over HTTP (queries, mutations)
// and graphql-ws (subscriptions). The session is an HttpOnly cookie the browser sends by itself;
// the script never sees it. Every request carries the CSRF header the server requires with it.
import { createClient } from 'graphql-ws';

const CSRF_HEADER = 'X-MCPDeploy-CSRF';

/** An error the API answered, with its message, code and the field it names. */
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
    this.field = errors[0]?.extensions?.field;
  }
}

async function answer(response) {
  if (response.status === 204) return {};
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `the server answered ${response.status} ${response.statusText}` }]);
  }
  if (body.errors?.length) throw new ApiError(body.errors);
  return body.data ?? body;
}

export async function gql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ query, variables }),
  });
  return answer(response);
}

/** Exchanges a sign-in link's one-time token for the session cookie. */
export async function openSession(token) {
  const response = await fetch('/auth/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Authorization: `Bearer ${token}`, [CSRF_HEADER]: '1' },
  });
  return answer(response);
}

export async function signOut() {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: '1' },
  });
  return answer(response);
}

let client;

function wsClient() {
  if (!client) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    client = createClient({ url: `${scheme}//${location.host}/graphql`, lazy: true, retryAttempts: 5 });
  }
  return client;
}

/**
 * Subscribes over graphql-ws; onData gets each item's data, onEnd the end (with an ApiError when it
 * failed). Returns the function that unsubscribes.
 */
export function subscribe(query, variables, onData, onEnd = () => {}) {
  return wsClient().subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) onEnd(new ApiError(result.errors));
        else onData(result.data);
      },
      error: (error) =>
        onEnd(Array.isArray(error) ? new ApiError(error) : new ApiError([{ message: String(error?.reason || error?.message || error) }])),
      complete: () => onEnd(null),
    },
  );
}
